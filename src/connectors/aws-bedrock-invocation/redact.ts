import { isJsonObject } from '../shared/document-paths';
import { REDACTED, redactText } from '../azure-apim-gateway/secrets';

/** A copy of a JSON value with every occurrence of the secrets in its strings replaced by `[redacted]`. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, secrets);
  return out;
}

export { redactText };
