import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    const entries = Object.keys(object)
      .filter((key) => object[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A content hash for records that carry no id of their own (32 hex characters). */
export function contentId(record: unknown): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex').slice(0, 32);
}

/**
 * A one-way fingerprint of a credential or credential id (API keys, key hashes, bearer tokens): the same
 * key always gives the same fingerprint, so alerts can group by key without ever carrying it.
 */
export function credentialFingerprint(secretOrId: string): string {
  return `sha256:${createHash('sha256').update(secretOrId).digest('hex').slice(0, 24)}`;
}
