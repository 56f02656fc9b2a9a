import { getField, stringField } from '../shared/document-paths';
import type { ActivityView } from './activity-view';

const CLAIM_UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
const CLAIM_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name';
const CLAIM_GIVEN_NAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname';
const CLAIM_SURNAME = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname';
const CLAIM_OBJECT_ID = 'http://schemas.microsoft.com/identity/claims/objectidentifier';
const CLAIM_TENANT_ID = 'http://schemas.microsoft.com/identity/claims/tenantid';

/** Who made the call, from the token claims, the role-assignment evidence, or Log Analytics' `Caller`. */
export interface Caller {
  /** UPN or sign-in name (`user@domain`); absent for service principals. */
  login?: string;
  /** Display name (`name` claim). */
  fullName?: string;
  givenName?: string;
  surname?: string;
  /** Entra object id of the user or service principal. */
  objectId?: string;
  appId?: string;
  tenantId?: string;
  principalType?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readCaller(view: ActivityView): Caller {
  const claims = view.claims;
  const claim = (name: string): string | undefined => {
    const value = claims[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const laCaller = view.caller;
  const login =
    claim(CLAIM_UPN) ??
    claim(CLAIM_NAME) ??
    (laCaller?.includes('@') ? laCaller : undefined) ??
    (view.identityName?.includes('@') ? view.identityName : undefined);
  const objectId =
    claim(CLAIM_OBJECT_ID) ??
    claim('oid') ??
    dashedGuid(stringField(view.authorization, 'evidence.principalId')) ??
    (laCaller !== undefined && GUID.test(laCaller) ? laCaller : undefined);
  return {
    login,
    fullName: claim('name') ?? (login === undefined ? view.identityName : undefined),
    givenName: claim(CLAIM_GIVEN_NAME),
    surname: claim(CLAIM_SURNAME),
    objectId,
    appId: claim('appid') ?? claim('azp'),
    tenantId: claim(CLAIM_TENANT_ID) ?? claim('tid') ?? view.tenantId,
    principalType: stringField(view.authorization, 'evidence.principalType'),
  };
}

/**
 * The role-assignment evidence writes object ids as 32 hex digits; the claims write them as GUIDs. One
 * form keeps one caller under one entity key.
 */
function dashedGuid(id: string | undefined): string | undefined {
  if (id === undefined || !/^[0-9a-f]{32}$/i.test(id)) return id;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** Exposed for the normalizer: the evidence block as Elastic names it (snake_case). */
export function evidenceFields(view: ActivityView): Record<string, unknown> {
  const evidence = getField(view.authorization, 'evidence');
  if (typeof evidence !== 'object' || evidence === null || Array.isArray(evidence)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(evidence)) out[snakeCase(key)] = value;
  return out;
}

function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
