import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { credentialFingerprint } from '../shared/identity';

export const REDACTED = '[redacted]';

/** Request/response headers that carry credentials (compared lowercased). */
const SECRET_HEADERS = new Set([
  'ocp-apim-subscription-key',
  'api-key',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-functions-key',
  'cookie',
  'set-cookie',
]);

/** Query parameters that carry credentials: APIM accepts its key as `subscription-key`; SAS `sig`. */
const SECRET_QUERY =
  /([?&](?:subscription-key|api-key|api_key|key|sig|code|access_token|token)=)([^&#\s"]*)/gi;

const HEADER_FIELDS = [
  'requestHeaders',
  'backendRequestHeaders',
  'responseHeaders',
  'backendResponseHeaders',
];
const URL_FIELDS = ['url', 'backendUrl'];

/** One credential found in a record: where, and its fingerprint. The value itself is never kept. */
export interface FoundCredential {
  location: string;
  name: string;
  fingerprint: string;
}

export interface Redaction {
  /** A copy of `properties` with every credential replaced by `[redacted]`. */
  properties: JsonObject;
  credentials: FoundCredential[];
  /** The exact texts that were replaced, to scrub them from the record's original text too. */
  secrets: string[];
  /**
   * Fingerprint of the key the client presented: the subscription key header or query parameter, else an
   * `api-key` request header (gateways fronting Azure OpenAI often take their subscription key there).
   */
  presentedKeyFingerprint?: string;
}

/**
 * Removes credentials from GatewayLogs properties: the headers API Management was told to log
 * (`Ocp-Apim-Subscription-Key`, `api-key`, `Authorization`, ...) and key query parameters of the URLs.
 * Header collections are objects (`{"Api-Key": "..."}`) or, from some exports, JSON text of one.
 */
export function redactGatewayProperties(properties: JsonObject): Redaction {
  const out: JsonObject = { ...properties };
  const credentials: FoundCredential[] = [];
  const secrets: string[] = [];
  let subscriptionKey: string | undefined;
  let apiKey: string | undefined;
  const found = (location: string, name: string, secret: string, raw: string): void => {
    const fingerprint = credentialFingerprint(secret);
    credentials.push({ location, name, fingerprint });
    secrets.push(raw);
    if (location !== 'requestHeaders' && location !== 'url') return;
    if (name === 'ocp-apim-subscription-key' || name === 'subscription-key') subscriptionKey ??= fingerprint;
    if (name === 'api-key') apiKey ??= fingerprint;
  };

  for (const field of HEADER_FIELDS) {
    const headers = headerObject(out[field]);
    if (!headers) continue;
    let changed = false;
    for (const [name, value] of Object.entries(headers)) {
      if (!SECRET_HEADERS.has(name.toLowerCase())) continue;
      // A header is one value, or a list of values in some exports.
      const values = (Array.isArray(value) ? value : [value]).filter(
        (v): v is string => typeof v === 'string' && v !== '' && v !== REDACTED,
      );
      for (const v of values) found(field, name.toLowerCase(), credentialOf(v), v);
      headers[name] = Array.isArray(value) ? value.map(() => REDACTED) : REDACTED;
      changed = true;
    }
    if (changed) out[field] = typeof out[field] === 'string' ? JSON.stringify(headers) : headers;
  }

  for (const field of URL_FIELDS) {
    const url = out[field];
    if (typeof url !== 'string') continue;
    out[field] = url.replace(SECRET_QUERY, (_all, prefix: string, value: string) => {
      if (value === '' || value === encodeURIComponent(REDACTED)) return `${prefix}${value}`;
      const name = prefix.slice(1, -1).toLowerCase();
      found(field, name, safeDecode(value), value);
      return `${prefix}${encodeURIComponent(REDACTED)}`;
    });
  }
  return { properties: out, credentials, secrets, presentedKeyFingerprint: subscriptionKey ?? apiKey };
}

/**
 * The record's original text with the secrets replaced, or undefined when a secret would survive (then
 * the caller falls back to the redacted record as text). Secrets may appear JSON-escaped once, or twice
 * when `properties` is itself JSON text.
 */
export function redactText(text: string, secrets: readonly string[]): string | undefined {
  let out = text;
  for (const secret of secrets) {
    const once = JSON.stringify(secret).slice(1, -1);
    const twice = JSON.stringify(once).slice(1, -1);
    for (const form of [twice, once, secret]) out = out.split(form).join(REDACTED);
  }
  return secrets.some((s) => out.includes(s) || out.includes(credentialOf(s))) ? undefined : out;
}

/** `Bearer <token>` → the token: the same credential seen elsewhere then gives the same fingerprint. */
function credentialOf(value: string): string {
  return value.replace(/^(Bearer|Basic|SharedAccessSignature)\s+/i, '').trim();
}

function headerObject(value: unknown): Record<string, unknown> | undefined {
  if (isJsonObject(value)) return { ...value };
  if (typeof value !== 'string' || !value.trim().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
