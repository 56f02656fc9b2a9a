import { getField, isJsonObject } from '../shared/document-paths';
import { credentialFingerprint } from '../shared/identity';
import { credentialOf, REDACTED } from '../openai-audit/secret-scrub';

/**
 * Header and query-parameter names that carry credentials (Kong hides only `authorization` and
 * `proxy-authorization`, as `REDACTED`): key-auth's `apikey`, provider-style key headers, cookies,
 * session and security tokens. Names are compared lowercased.
 */
export function isCredentialName(name: string): boolean {
  // `prompt_token` (Kong 3.7 usage) ends like a token name: callers restrict this to headers and queries.
  return (
    /^(authorization|proxy-authorization|cookie|set-cookie|key|code|sig|signature)$/.test(name) ||
    /(^|[-_])(api[-_]?key|apikey|secret|password|token)$/.test(name)
  );
}

/** Scrubbing predicate: credential names among the request and response headers and the query. */
export function isCredentialField(name: string, parents: readonly string[]): boolean {
  const container = parents.join('.');
  return (
    (container === 'request.headers' ||
      container === 'response.headers' ||
      container === 'request.querystring') &&
    isCredentialName(name)
  );
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

/** Fingerprint of the credential the client presented, read from the record before it is scrubbed. */
export function presentedCredential(record: Record<string, unknown>): string | undefined {
  for (const path of PRESENTED) {
    const [first] = ([] as unknown[]).concat(getField(record, path));
    if (typeof first !== 'string' || first === '' || first === 'REDACTED') continue;
    return credentialFingerprint(credentialOf(first));
  }
  return undefined;
}

/**
 * A URL or request URI with the values of credential-named query parameters replaced by `[redacted]`
 * (their fingerprints are added to `found`).
 */
export function scrubUrl(url: string, found: string[]): string {
  return url.replace(
    /([?&])([^=&#]+)=([^&#]*)/g,
    (match: string, sep: string, name: string, value: string) => {
      if (value === '' || value === REDACTED || !isCredentialName(safeDecode(name).toLowerCase()))
        return match;
      found.push(credentialFingerprint(safeDecode(value)));
      return `${sep}${name}=${encodeURIComponent(REDACTED)}`;
    },
  );
}

/** Applies {@link scrubUrl} to the URL fields of a Kong log object (already a scrubbed copy). */
export function scrubUrls(record: Record<string, unknown>, found: string[]): void {
  const request = record['request'];
  if (isJsonObject(request)) {
    for (const field of ['url', 'uri']) {
      if (typeof request[field] === 'string') request[field] = scrubUrl(request[field], found);
    }
  }
  if (typeof record['upstream_uri'] === 'string')
    record['upstream_uri'] = scrubUrl(record['upstream_uri'], found);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
