import { isJsonObject } from '../shared/document-paths';

/**
 * The record as kept under `openai.audit.raw`. Each audit log carries its details under a key named like
 * its type (`"api_key.created": {...}`); a dotted key cannot be addressed by a field path, so it is nested
 * the way Elasticsearch indexes it (`api_key` → `created`), and rules can read `api_key.created.data.scopes`.
 * A dotted key that would collide with a value already there is left as it came.
 */
export function rawAuditRecord(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(record)) {
    if (!key.includes('.') || !isJsonObject(value)) continue;
    if (nestInto(out, key.split('.'), value)) delete out[key];
  }
  return out;
}

/** Sets `parts` in `target`, copying the objects on the way (the input record is never changed). */
function nestInto(target: Record<string, unknown>, parts: string[], value: unknown): boolean {
  const [head, ...rest] = parts;
  if (head === undefined || head === '') return false;
  const existing = target[head];
  if (rest.length === 0) {
    if (existing !== undefined) return false;
    target[head] = value;
    return true;
  }
  if (existing !== undefined && !isJsonObject(existing)) return false;
  const child: Record<string, unknown> = { ...(existing ?? {}) };
  if (!nestInto(child, rest, value)) return false;
  target[head] = child;
  return true;
}
