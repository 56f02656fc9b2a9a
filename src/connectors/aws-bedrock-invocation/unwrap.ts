import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';

/**
 * Invocation logs arrive as single records (CloudWatch Logs events, the JSON lines of the `.json.gz`
 * objects delivered to S3), or inside a CloudWatch Logs subscription message (`{"messageType":
 * "DATA_MESSAGE", "logEvents": [{"id", "timestamp", "message": "<record as JSON text>"}], ...}`, already
 * gunzipped by the input). `CONTROL_MESSAGE`s, sent when a subscription is created, hold no records.
 */
export function unwrapBedrockInvocations(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapBedrockInvocations);
  if (!isJsonObject(value)) return [value];
  const logEvents = value['logEvents'];
  if (typeof value['messageType'] === 'string' && Array.isArray(logEvents)) {
    if (value['messageType'] === 'CONTROL_MESSAGE') return [];
    return logEvents.map((e) =>
      isJsonObject(e) && typeof e['message'] === 'string' ? parseMessage(e['message']) : e,
    );
  }
  return [value];
}

/** A log event's message is the record as JSON text; anything else is passed on for `normalize` to reject. */
function parseMessage(message: string): unknown {
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return message;
  }
}

export function isBedrockInvocationRecord(record: JsonObject): boolean {
  if (record['schemaType'] === 'ModelInvocationLog') return true;
  // Forwarders that re-serialize may drop the schema fields; the invocation fields still identify the record.
  return (
    typeof record['modelId'] === 'string' &&
    typeof record['operation'] === 'string' &&
    typeof record['requestId'] === 'string' &&
    typeof record['accountId'] === 'string'
  );
}
