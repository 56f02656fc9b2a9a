import { isJsonObject } from './document-paths';

/**
 * A copy with the dots in object keys made underscores, at every level, as Elastic does for labels and
 * annotations (`authorization.k8s.io/decision` → `authorization_k8s_io/decision`): documents never have
 * dotted keys, which search engines would read as paths.
 */
export function undottedKeys(value: unknown, depth = 0): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => undottedKeys(v, depth + 1));
  if (!isJsonObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key.replace(/\./g, '_')] = undottedKeys(v, depth + 1);
  return out;
}
