import { getField } from '../shared/document-paths';
import { credentialFingerprint } from '../shared/identity';
import { credentialOf, isCredentialParameter } from '../shared/secrets/secret-names';

/**
 * Redaction predicate: credential names among the request and response headers and the query (Kong hides
 * only `authorization` and `proxy-authorization` itself, as `REDACTED`). Elsewhere names are not
 * telling: `prompt_token` (Kong 3.7 usage) ends like a token name.
 */
export function isCredentialField(name: string, parents: readonly string[]): boolean {
  const container = parents.join('.');
  return (
    (container === 'request.headers' ||
      container === 'response.headers' ||
      container === 'request.querystring') &&
    isCredentialParameter(name)
  );
}

/** The URL fields of a Kong log object, whose credential query parameters are redacted. */
export function isUrlField(name: string, parents: readonly string[]): boolean {
  if (parents.length === 0) return name === 'upstream_uri';
  return parents.length === 1 && parents[0] === 'request' && (name === 'url' || name === 'uri');
}

/**
 * Where a client presents its key to Kong: key-auth's `apikey` (header, then query string, its default
 * `key_names`), then the headers and query parameters of the providers' SDKs.
 */
const PRESENTED = [
  'request.headers.apikey',
  'request.querystring.apikey',
  'request.headers.x-api-key',
  'request.headers.api-key',
  'request.headers.x-goog-api-key',
  'request.headers.authorization',
  'request.querystring.api_key',
  'request.querystring.key',
];

/** Fingerprint of the credential the client presented, read from the record before it is redacted. */
export function presentedCredential(record: Record<string, unknown>): string | undefined {
  for (const path of PRESENTED) {
    const [first] = ([] as unknown[]).concat(getField(record, path));
    if (typeof first !== 'string' || first === '' || first === 'REDACTED') continue;
    return credentialFingerprint(credentialOf(first));
  }
  return undefined;
}
