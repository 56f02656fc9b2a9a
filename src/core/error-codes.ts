/**
 * The catalogue of runtime error codes: what `TriplineError.code` and dead letters carry. Stable like the
 * diagnostic codes: never renamed, never reused.
 */
export const ERROR_CODES = {
  'record.malformed':
    'The input is not valid JSON (truncated, binary, or broken), so no record could be read.',
  'record.too_large':
    'A record is larger than the configured limit; it was skipped without being held whole.',
  'record.not_object': 'A record is JSON but not an object.',
  'record.unknown_source': 'No connector recognises the record (auto-detection found no vendor format).',
  'record.wrong_source': 'The record is not of the vendor format the connector is configured for.',
  'record.rejected':
    'The connector recognised the record but cannot normalize it (e.g. no usable timestamp).',
  'event.malformed': 'A message on the events topic is not a normalized tripline event.',
  'event.unknown_connector': 'An event names a connector type this detector does not know.',
  'sink.rejected': 'The document store refused a document for good (mapping or validation error).',
  'config.invalid': 'The configuration file is missing, unreadable or fails validation.',
  'config.env_missing': 'The configuration refers to an environment variable or secret file that is not set.',
  'rules.invalid': 'A rule set has errors; the detector keeps the rules it was running.',
  'http.unauthorized': 'An HTTP request lacks the configured bearer token.',
  'http.too_large': 'An HTTP request body exceeds the configured limit.',
  'http.bad_request': 'An HTTP request is not a POST of JSON or NDJSON.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
