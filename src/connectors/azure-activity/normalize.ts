import { isIP } from 'node:net';
import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { setField } from '../shared/document-paths';
import { finishEvent } from '../shared/finish-event';
import { contentId } from '../shared/identity';
import { redactedContext } from '../shared/secrets/original-text';
import { redactAuditRecord } from '../shared/secrets/audit-redaction';
import { toIsoTimestamp } from '../shared/timestamps';
import { readActivity, type ActivityView } from './activity-view';
import { evidenceFields, readCaller, type Caller } from './caller';
import { operationEventType } from './operation-types';
import { parseResourceId } from './resource-id';
import { isAzureActivityRecord } from './unwrap';

export const AZURE_ACTIVITY_LOGSOURCE = {
  product: 'azure',
  categories: [],
  services: ['activitylogs'],
} as const;

/** Numeric levels of some exports, as Elastic's pipeline maps them. */
const LEVELS: Record<string, string> = {
  '1': 'Critical',
  '2': 'Error',
  '3': 'Warning',
  '4': 'Informational',
  '5': 'Verbose',
};

/**
 * One Activity log record → ECS with the names of Elastic's Azure integration (`azure.activitylogs.*`,
 * `azure.resource.*`), plus the record (secrets redacted) under `azure.activitylogs.raw`, where the
 * field names of Sigma's Azure activity rules are found (see detections/pipelines/azure-activity.yml).
 */
export function normalizeAzureActivity(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isAzureActivityRecord(record)) {
    return {
      ok: false,
      reason:
        'not an Azure Activity log record (needs time, resourceId, operationName and an activity category, or an AzureActivity table row)',
    };
  }
  const view = readActivity(record);
  const timestamp = toIsoTimestamp(view.time);
  if (!timestamp)
    return { ok: false, reason: `${view.timeField} is not a time: ${JSON.stringify(view.time)}` };

  const { value: safeRecord, found, secrets } = redactAuditRecord(record);
  const safeView = readActivity(safeRecord);
  const caller = readCaller(safeView);
  const resource = parseResourceId(safeView.resourceId ?? '');
  // Resource ids are upper case in diagnostic exports and lower case in Log Analytics: one form per subscription.
  const subscriptionId = (safeView.subscriptionId ?? resource.subscriptionId)?.toLowerCase();

  const d: JsonObject = {};
  writeEvent(d, safeView);
  writeCaller(d, caller);
  setField(d, 'cloud.provider', 'azure');
  setField(d, 'cloud.account.id', subscriptionId);
  setField(d, 'geo.name', safeView.location);
  const ip = safeView.callerIp;
  if (ip && isIP(ip)) {
    setField(d, 'source.ip', ip);
    setField(d, 'client.ip', ip);
    setField(d, 'related.ip', [ip]);
  } else {
    setField(d, 'source.address', ip);
  }
  setField(d, 'azure.subscription_id', subscriptionId);
  setField(d, 'azure.tenant_id', caller.tenantId);
  setField(d, 'azure.correlation_id', safeView.correlationId);
  setField(d, 'azure.resource.id', safeView.resourceId);
  setField(d, 'azure.resource.group', safeView.resourceGroup ?? resource.group);
  setField(d, 'azure.resource.provider', resource.provider);
  setField(d, 'azure.resource.name', resource.name);
  const related = [safeView.resourceId, caller.objectId].filter((v): v is string => v !== undefined);
  setField(d, 'related.entity', related.length > 0 ? related : undefined);
  writeActivityLogFields(d, safeView, caller);
  if (secrets.length > 0) setField(d, 'azure.activitylogs.redacted_secrets', secrets);
  setField(d, 'azure.activitylogs.raw', safeRecord);

  const id = safeView.eventDataId ?? contentId(record);
  const key = caller.login?.toLowerCase() ?? caller.objectId?.toLowerCase() ?? subscriptionId ?? id;
  return {
    ok: true,
    event: finishEvent(
      {
        connector: 'azure-activity',
        module: 'azure',
        dataset: 'azure.activitylogs',
        id,
        key,
        timestamp,
        logsource: { ...AZURE_ACTIVITY_LOGSOURCE, categories: [], services: ['activitylogs'] },
        document: d,
        record: safeRecord,
      },
      redactedContext(context, found, safeRecord),
    ),
  };
}

function writeEvent(d: JsonObject, view: ActivityView): void {
  setField(d, 'event.kind', 'event');
  setField(d, 'event.action', view.operationName);
  // The resource provider namespace of the operation, e.g. `microsoft.cognitiveservices`.
  setField(d, 'event.provider', view.operationName?.split('/')[0]?.toLowerCase());
  setField(d, 'event.outcome', outcome(view.resultType));
  const types = operationEventType(view.operationName, view.category);
  setField(d, 'event.category', types.category);
  setField(d, 'event.type', types.type);
  if (view.durationMs !== undefined) setField(d, 'event.duration', Math.round(view.durationMs * 1_000_000));
  setField(d, 'log.level', view.level !== undefined ? (LEVELS[view.level] ?? view.level) : undefined);
}

function outcome(resultType: string | undefined): string {
  const result = resultType?.toLowerCase();
  if (result === 'success' || result === 'succeeded') return 'success';
  if (result === 'failure' || result === 'failed') return 'failure';
  // `Start`, `Accept`, `Started`: the operation has not finished.
  return 'unknown';
}

/** `user.*` as Elastic writes it: a `user@domain` login is split into name and domain and kept as email. */
function writeCaller(d: JsonObject, caller: Caller): void {
  const login = caller.login;
  const at = login?.lastIndexOf('@') ?? -1;
  if (login && at > 0) {
    setField(d, 'user.name', login.slice(0, at));
    setField(d, 'user.domain', login.slice(at + 1));
    setField(d, 'user.email', login);
  } else {
    setField(d, 'user.name', login);
  }
  setField(d, 'user.full_name', caller.fullName);
  setField(d, 'user.id', caller.objectId);
  const relatedUser = login ?? caller.objectId;
  setField(d, 'related.user', relatedUser ? [relatedUser] : undefined);
}

function writeActivityLogFields(d: JsonObject, view: ActivityView, caller: Caller): void {
  const al = 'azure.activitylogs';
  setField(d, `${al}.operation_name`, view.operationName);
  setField(d, `${al}.operation_version`, view.operationVersion);
  setField(d, `${al}.category`, view.category);
  setField(d, `${al}.event_category`, view.eventCategory ?? 'Administrative');
  setField(d, `${al}.result_type`, view.resultType);
  setField(d, `${al}.result_signature`, view.resultSignature);
  setField(d, `${al}.tenant_id`, caller.tenantId);
  setField(d, `${al}.identity_name`, view.identityName);
  setField(d, `${al}.identity.authorization.action`, view.authorization['action']);
  setField(d, `${al}.identity.authorization.scope`, view.authorization['scope']);
  for (const [key, value] of Object.entries(evidenceFields(view))) {
    setField(d, `${al}.identity.authorization.evidence.${key}`, value);
  }
  // Claim names are URLs: their dots become underscores, as Elastic does, so no key is dotted.
  const claims: JsonObject = {};
  for (const [key, value] of Object.entries(view.claims)) claims[key.replace(/\./g, '_')] = value;
  if (Object.keys(claims).length > 0) setField(d, `${al}.identity.claims`, claims);
  setField(d, `${al}.identity.claims_initiated_by_user.name`, caller.login);
  setField(d, `${al}.identity.claims_initiated_by_user.givenname`, caller.givenName);
  setField(d, `${al}.identity.claims_initiated_by_user.surname`, caller.surname);
  setField(d, `${al}.identity.claims_initiated_by_user.fullname`, caller.fullName);
  // Scalar properties, named as Elastic names them; request and response bodies stay in `raw` only.
  for (const [key, value] of Object.entries(view.properties)) {
    if (key === 'eventCategory' || key === 'requestbody' || key === 'responseBody') continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') continue;
    setField(d, `${al}.properties.${PROPERTY_NAMES[key] ?? key}`, value);
  }
}

const PROPERTY_NAMES: Record<string, string> = {
  statusCode: 'status_code',
  serviceRequestId: 'service_request_id',
  statusMessage: 'status_message',
};
