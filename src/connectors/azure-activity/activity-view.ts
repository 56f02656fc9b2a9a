import type { JsonObject } from '../connector-type';
import { isJsonObject, numberField, stringField } from '../shared/document-paths';

/**
 * One Activity log record read the same way whichever shape it came in:
 * - `diagnostic`: what diagnostic settings write to Event Hubs and storage (`time`, `resourceId`,
 *   `operationName`, `category`, `resultType`, `identity.claims`, `properties`, ...);
 * - `log_analytics`: a row of the Log Analytics `AzureActivity` table (`TimeGenerated`,
 *   `OperationNameValue`, `CategoryValue`, `ActivityStatusValue`, `Caller`, `Claims_d`, ...).
 */
export interface ActivityView {
  shape: 'diagnostic' | 'log_analytics';
  /** The record's time field and its value, checked by the caller. */
  timeField: string;
  time: unknown;
  operationName?: string;
  /** Diagnostic shape: `Write`/`Delete`/`Action` or the event category; Log Analytics: `CategoryValue`. */
  category?: string;
  eventCategory?: string;
  resultType?: string;
  resultSignature?: string;
  resourceId?: string;
  callerIp?: string;
  correlationId?: string;
  level?: string;
  location?: string;
  durationMs?: number;
  tenantId?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  /** Log Analytics `Caller`: the UPN, or the object id of a service principal. */
  caller?: string;
  eventDataId?: string;
  operationVersion?: string;
  /** Some exports write `identity` as a plain name instead of an object. */
  identityName?: string;
  claims: JsonObject;
  authorization: JsonObject;
  properties: JsonObject;
}

/** Categories of Activity log records; other `{time, resourceId, operationName}` records are resource logs. */
const ACTIVITY_CATEGORIES = new Set([
  'administrative',
  'servicehealth',
  'resourcehealth',
  'alert',
  'autoscale',
  'security',
  'recommendation',
  'policy',
  'write',
  'delete',
  'action',
]);

export function isDiagnosticActivityRecord(record: JsonObject): boolean {
  if (typeof record['operationName'] !== 'string' || typeof record['resourceId'] !== 'string') return false;
  if (!('time' in record)) return false;
  const category = record['category'];
  if (typeof category === 'string') return ACTIVITY_CATEGORIES.has(category.toLowerCase());
  return stringField(record, 'properties.eventCategory') !== undefined;
}

export function isLogAnalyticsActivityRecord(record: JsonObject): boolean {
  if (record['Type'] === 'AzureActivity') return true;
  return (
    typeof record['OperationNameValue'] === 'string' && 'TimeGenerated' in record && 'CategoryValue' in record
  );
}

export function readActivity(record: JsonObject): ActivityView {
  return isLogAnalyticsActivityRecord(record) ? readLogAnalytics(record) : readDiagnostic(record);
}

function readDiagnostic(r: JsonObject): ActivityView {
  const identity = r['identity'];
  const properties = objectOf(r['properties']);
  const level = r['level'] ?? r['Level'];
  return {
    shape: 'diagnostic',
    timeField: 'time',
    time: r['time'],
    operationName: stringField(r, 'operationName'),
    category: stringField(r, 'category'),
    eventCategory: stringField(properties, 'eventCategory'),
    resultType: stringField(r, 'resultType'),
    resultSignature: stringField(r, 'resultSignature'),
    resourceId: stringField(r, 'resourceId'),
    callerIp: stringField(r, 'callerIpAddress'),
    correlationId: stringField(r, 'correlationId'),
    level:
      typeof level === 'number'
        ? String(level)
        : typeof level === 'string' && level !== ''
          ? level
          : undefined,
    location: stringField(r, 'location'),
    durationMs: numberField(r, 'durationMs'),
    tenantId: stringField(r, 'tenantId'),
    eventDataId: stringField(r, 'eventDataId') ?? stringField(properties, 'eventDataId'),
    operationVersion: stringField(r, 'operationVersion'),
    identityName: typeof identity === 'string' && identity !== '' ? identity : undefined,
    claims: objectOf(isJsonObject(identity) ? identity['claims'] : undefined),
    authorization: objectOf(isJsonObject(identity) ? identity['authorization'] : undefined),
    properties,
  };
}

function readLogAnalytics(r: JsonObject): ActivityView {
  const http = objectOf(r['HTTPRequest']);
  return {
    shape: 'log_analytics',
    timeField: 'TimeGenerated',
    time: r['TimeGenerated'],
    operationName: stringField(r, 'OperationNameValue'),
    category: stringField(r, 'CategoryValue'),
    eventCategory: stringField(r, 'CategoryValue'),
    resultType: stringField(r, 'ActivityStatusValue'),
    resultSignature: stringField(r, 'ActivitySubstatusValue'),
    resourceId: stringField(r, '_ResourceId') ?? stringField(r, 'ResourceId'),
    callerIp: stringField(r, 'CallerIpAddress') ?? stringField(http, 'clientIpAddress'),
    correlationId: stringField(r, 'CorrelationId'),
    level: stringField(r, 'Level'),
    // `TenantId` of a Log Analytics row is the workspace id, not the Entra tenant: the claims have that.
    subscriptionId: stringField(r, 'SubscriptionId'),
    resourceGroup: stringField(r, 'ResourceGroup'),
    caller: stringField(r, 'Caller'),
    eventDataId: stringField(r, 'EventDataId'),
    claims: objectOf(r['Claims_d'] ?? r['Claims']),
    authorization: objectOf(r['Authorization_d'] ?? r['Authorization']),
    properties: objectOf(r['Properties_d'] ?? r['Properties']),
  };
}

/** Objects as they are; JSON objects held in strings (Log Analytics' dynamic columns) parsed; else `{}`. */
function objectOf(value: unknown): JsonObject {
  if (isJsonObject(value)) return value;
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isJsonObject(parsed)) return parsed;
    } catch {
      // not JSON: the field is left out
    }
  }
  return {};
}
