import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { credentialFingerprint } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { fingerprintsOf, redactRecord } from '../shared/secrets/redact-record';
import { toIsoTimestamp } from '../shared/timestamps';
import { classifyAuditType, elasticAction } from './event-types';
import { rawAuditRecord } from './raw-record';
import { isOpenAiAuditRecord } from './unwrap';

export const OPENAI_AUDIT_LOGSOURCE = { product: 'openai', categories: [], services: ['audit'] } as const;

/**
 * One OpenAI organization audit log → ECS with the names of Elastic's OpenAI integration (audit data
 * stream), plus the record under `openai.audit.raw`, where Sigma rules for `product: openai,
 * service: audit` find their field names. Key ids (`key_…`) are identifiers and are kept, with a
 * fingerprint beside them; key values (`sk-…`) are secrets and never reach the document.
 */
export function normalizeOpenAiAudit(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isOpenAiAuditRecord(record)) {
    return { ok: false, reason: 'not an OpenAI audit log (needs id, type and actor or object)' };
  }
  const timestamp = toIsoTimestamp(record['effective_at']);
  if (!timestamp) {
    return {
      ok: false,
      reason: `effective_at is not a time: ${JSON.stringify(record['effective_at'] ?? null)}`,
    };
  }
  const { value: clean, found } = redactRecord(record);
  const fingerprints = fingerprintsOf(found);
  const type = clean['type'] as string;
  const details = clean[type];
  const session = objectAt(clean, 'actor.session');
  const apiKey = objectAt(clean, 'actor.api_key');
  const d: JsonObject = {};

  const kind = classifyAuditType(type);
  setField(d, 'event.kind', 'event');
  setField(d, 'event.category', kind.category);
  setField(d, 'event.type', kind.type);
  setField(d, 'event.action', elasticAction(type));
  setField(d, 'event.outcome', kind.outcome);
  setField(d, 'event.provider', 'openai');
  setField(d, 'observer.vendor', 'OpenAI');
  setField(d, 'observer.product', 'OpenAI');
  setField(d, 'cloud.provider', 'openai');
  setField(d, 'cloud.project.id', stringField(clean, 'project.id'));
  setField(d, 'cloud.project.name', stringField(clean, 'project.name'));

  // The acting person: the console session's user, else the owner of the API key that made the call.
  const userId = stringField(session, 'user.id') ?? stringField(apiKey, 'user.id');
  const email = stringField(session, 'user.email') ?? stringField(apiKey, 'user.email');
  setField(d, 'user.id', userId);
  setField(d, 'user.email', email);
  setField(d, 'user.domain', email?.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : undefined);
  setField(d, 'service.id', stringField(apiKey, 'service_account.id'));
  const ip = stringField(session, 'ip_address');
  setField(d, 'source.address', ip);
  if (ip && isIP(ip)) setField(d, 'source.ip', ip);
  setSourceGeo(d, session);
  setField(d, 'user_agent.original', stringField(session, 'user_agent'));
  setField(d, 'tls.client.ja3', stringField(session, 'ja3'));
  setField(d, 'error.code', stringField(details, 'error_code'));
  setField(d, 'error.message', stringField(details, 'error_message'));
  setTarget(d, type, details);
  setField(d, 'related.user', unique([userId, email]));
  setField(d, 'related.ip', ip && isIP(ip) ? [ip] : undefined);

  const oa = 'openai.audit';
  setField(d, `${oa}.object`, clean['object']);
  setField(d, `${oa}.type`, type);
  setField(d, `${oa}.actor.type`, stringField(clean, 'actor.type'));
  setField(d, `${oa}.actor.session.ja4`, stringField(session, 'ja4'));
  const keyId = stringField(apiKey, 'id');
  setField(d, `${oa}.actor.api_key.id`, keyId);
  setField(d, `${oa}.actor.api_key.type`, stringField(apiKey, 'type'));
  const keyFingerprint = keyId ? credentialFingerprint(keyId) : undefined;
  setField(d, `${oa}.actor.api_key.fingerprint`, keyFingerprint);
  setField(d, `${oa}.redacted_secrets.fingerprint`, fingerprints.length > 0 ? fingerprints : undefined);
  setField(d, `${oa}.raw`, rawAuditRecord(clean));
  // `tripline.*` is rewritten by finishEvent, so the cross-source key fields live under `llm.api_key`.
  setField(d, 'llm.api_key.id', keyId);
  setField(d, 'llm.api_key.fingerprint', keyFingerprint);

  const id = clean['id'] as string;
  const key =
    keyFingerprint ??
    stringField(session, 'user.id') ??
    stringField(session, 'user.email') ??
    stringField(clean, 'project.id') ??
    id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'openai-audit',
        module: 'openai',
        dataset: 'openai.audit',
        id,
        key,
        timestamp,
        logsource: { ...OPENAI_AUDIT_LOGSOURCE, categories: [], services: ['audit'] },
        document: d,
        record: clean,
      },
      redactedContext(context, found, clean),
    ),
  };
}

/** `ip_address_details` is OpenAI's own geolocation of the session; numbers arrive as strings. */
function setSourceGeo(d: JsonObject, session: JsonObject): void {
  const details = session['ip_address_details'];
  if (!isJsonObject(details)) return;
  setField(d, 'source.geo.country_iso_code', stringField(details, 'country'));
  setField(d, 'source.geo.city_name', stringField(details, 'city'));
  setField(d, 'source.geo.region_name', stringField(details, 'region'));
  setField(d, 'source.geo.region_iso_code', stringField(details, 'region_code'));
  const lat = numberField(details, 'latitude');
  const lon = numberField(details, 'longitude');
  if (lat !== undefined && lon !== undefined) setField(d, 'source.geo.location', { lat, lon });
  setField(d, 'source.as.number', numberField(details, 'asn'));
}

/**
 * What the action was done to, from the type's details object: its id (a key id is fingerprinted too,
 * so a revocation playbook can find the key), and for user and invite events the ECS `user.target.*`.
 */
function setTarget(d: JsonObject, type: string, details: unknown): void {
  const targetId = stringField(details, 'id');
  const resource = type.slice(0, Math.max(type.lastIndexOf('.'), 0)) || type;
  if (resource === 'login' || resource === 'logout') return;
  setField(d, 'openai.audit.target.type', resource);
  setField(d, 'openai.audit.target.id', targetId);
  if (resource === 'api_key' && targetId) {
    setField(d, 'openai.audit.target.fingerprint', credentialFingerprint(targetId));
  }
  if (resource === 'user') setField(d, 'user.target.id', targetId);
  if (resource === 'invite') setField(d, 'user.target.email', stringField(details, 'data.email'));
  const role = stringField(details, 'data.role') ?? stringField(details, 'changes_requested.role');
  if (resource === 'user' || resource === 'invite' || resource === 'service_account') {
    setField(d, 'user.target.roles', role ? [role] : undefined);
  }
}

function objectAt(record: JsonObject, path: string): JsonObject {
  const value = getField(record, path);
  return isJsonObject(value) ? value : {};
}

function unique(values: (string | undefined)[]): string[] | undefined {
  const present = [...new Set(values.filter((v): v is string => v !== undefined))];
  return present.length > 0 ? present : undefined;
}
