import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';

const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';

/**
 * Cloud Audit Logs arrive as LogEntry objects: one per line from a Logging sink (GCS, or a Pub/Sub push
 * subscription without wrapper), inside Pub/Sub messages (push `{"message": {"data": <base64 LogEntry>},
 * "subscription": ...}`, pull `{"receivedMessages": [...]}` or `gcloud pubsub subscriptions pull` arrays),
 * as arrays (`gcloud logging read --format=json`) and as Logging API `entries.list` pages (`{"entries": [...]}`).
 */
export function unwrapGcpAudit(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap((item) => (Array.isArray(item) ? [item] : unwrapOne(item)));
  return unwrapOne(value);
}

function unwrapOne(value: unknown): unknown[] {
  if (!isJsonObject(value)) return [value];
  if (Array.isArray(value['entries'])) return value['entries'];
  if (Array.isArray(value['receivedMessages'])) return value['receivedMessages'].map(decodeMessage);
  if (isJsonObject(value['message'])) return [decodeMessage(value)];
  return [value];
}

/** The LogEntry in a Pub/Sub message's base64 `data`; the envelope itself when it holds none (rejected later). */
function decodeMessage(envelope: unknown): unknown {
  if (!isJsonObject(envelope) || !isJsonObject(envelope['message'])) return envelope;
  const data = envelope['message']['data'];
  if (typeof data !== 'string') return envelope;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(data, 'base64').toString('utf8'));
    return isJsonObject(decoded) ? decoded : envelope;
  } catch {
    return envelope;
  }
}

/** A Pub/Sub envelope whose data could not be read as a LogEntry. */
export function isPubSubEnvelope(record: JsonObject): boolean {
  return isJsonObject(record['message']) && 'data' in record['message'];
}

export function isAuditLogEntry(record: JsonObject): boolean {
  const payload = record['protoPayload'];
  if (!isJsonObject(payload)) return false;
  const type = payload['@type'];
  if (typeof type === 'string') return type === AUDIT_LOG_TYPE;
  return typeof payload['serviceName'] === 'string' && typeof payload['methodName'] === 'string';
}
