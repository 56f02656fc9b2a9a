import type { JsonObject } from '../connector-type';
import { redactRecord, type Redaction } from '../shared/secrets/redact-record';
import { isCredentialParameter } from '../shared/secrets/secret-names';

/** The header collections API Management may be told to log; objects, or JSON text of one in some exports. */
const HEADER_FIELDS = new Set([
  'requestHeaders',
  'backendRequestHeaders',
  'responseHeaders',
  'backendResponseHeaders',
]);
const URL_FIELDS = new Set(['url', 'backendUrl']);

/**
 * GatewayLogs properties with every credential replaced by `[redacted]`: credential headers of the logged
 * header collections (`Ocp-Apim-Subscription-Key`, `api-key`, `Authorization`, ...), key query
 * parameters of the URLs (APIM accepts its key as `subscription-key`), and secrets in any other text.
 */
export function redactGatewayProperties(properties: JsonObject): Redaction<JsonObject> {
  return redactRecord(properties, {
    isSecretKey: (name, parents) =>
      parents.length === 1 && HEADER_FIELDS.has(parents[0] as string) && isCredentialParameter(name),
    isUrlKey: (name, parents) => parents.length === 0 && URL_FIELDS.has(name),
  });
}

/**
 * Fingerprint of the key the client presented: the subscription key header or query parameter, else an
 * `api-key` request header (gateways fronting Azure OpenAI often take their subscription key there).
 */
export function presentedKeyFingerprint(redaction: Redaction<JsonObject>): string | undefined {
  const presented = (names: readonly string[]): string | undefined =>
    redaction.found.find((f) => {
      const location = f.field.split('.')[0];
      return (
        (location === 'requestHeaders' || location === 'url') && names.includes(f.name?.toLowerCase() ?? '')
      );
    })?.fingerprint;
  return presented(['ocp-apim-subscription-key', 'subscription-key']) ?? presented(['api-key']);
}
