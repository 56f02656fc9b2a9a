import { isJsonObject } from '../shared/document-paths';

/**
 * Kong's log plugins (http-log, file-log, tcp-log, kafka-log, ...) write the `kong.log.serialize()`
 * object, one per request; http-log with `max_batch_size` > 1 posts a JSON array of them.
 */
export function unwrapKong(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/**
 * A Kong log object: `request` and `response` objects plus a Kong-only field (`latencies.kong`,
 * `upstream_uri`, or the AI plugins' `ai` object). `started_at` is not required here, so a record
 * without it is rejected naming the field.
 */
export function isKongLogRecord(record: Record<string, unknown>): boolean {
  if (!isJsonObject(record['request']) || !isJsonObject(record['response'])) return false;
  const latencies = record['latencies'];
  return (
    (isJsonObject(latencies) && 'kong' in latencies) || 'upstream_uri' in record || isJsonObject(record['ai'])
  );
}
