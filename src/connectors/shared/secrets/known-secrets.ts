import { isJsonObject } from '../document-paths';
import { credentialFingerprint } from '../identity';
import type { FoundSecret, Redaction } from './redact-record';
import { REDACTED } from './secret-text';

/**
 * A copy of a JSON value with every occurrence of secrets already known (e.g. what a guardrail matched)
 * replaced by `[redacted]` in its strings: a credential reported in one place is removed everywhere.
 */
export function redactKnownSecrets<T>(value: T, secrets: readonly string[]): Redaction<T> {
  const known = [...new Set(secrets.filter((s) => s !== ''))];
  const found: FoundSecret[] = known.map((secret) => ({
    field: '',
    fingerprint: credentialFingerprint(secret),
    replaced: secret,
    replacement: REDACTED,
  }));
  return { value: known.length > 0 ? (replaceIn(value, known) as T) : value, found };
}

function replaceIn(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    let out = value;
    // Also as it stands JSON-escaped, in JSON documents held in strings.
    for (const secret of secrets) {
      for (const form of [JSON.stringify(secret).slice(1, -1), secret]) out = out.split(form).join(REDACTED);
    }
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => replaceIn(v, secrets));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = replaceIn(v, secrets);
  return out;
}
