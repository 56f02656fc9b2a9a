import { isJsonObject } from '../shared/document-paths';

/**
 * LiteLLM loggers deliver `StandardLoggingPayload`s: the generic API callback posts a JSON array
 * (`log_format: json_array`, the default) or one payload (`single`, `ndjson`); the S3, GCS and SQS
 * loggers write one payload per object or message; custom callbacks that dump their `kwargs` carry it
 * under `standard_logging_object`.
 */
export function unwrapLiteLlm(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapLiteLlm);
  if (isJsonObject(value) && isJsonObject(value['standard_logging_object'])) {
    return [value['standard_logging_object']];
  }
  return [value];
}

/** A StandardLoggingPayload: an `id`, a `call_type`, and its timing or routing fields. */
export function isLiteLlmPayload(record: Record<string, unknown>): boolean {
  return (
    typeof record['id'] === 'string' &&
    typeof record['call_type'] === 'string' &&
    ('startTime' in record || isJsonObject(record['metadata']) || 'model_group' in record)
  );
}
