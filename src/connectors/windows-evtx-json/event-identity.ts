import { createHash } from 'node:crypto';

/**
 * A Windows event's stable identity: host, channel and record number when all are known (the same
 * event read twice gets the same id), else a hash of its content.
 */
export function windowsEventId(
  computer: unknown,
  channel: unknown,
  recordId: unknown,
  content: unknown,
): string {
  if (isPresent(computer) && isPresent(channel) && isPresent(recordId)) {
    return `${String(computer)}/${String(channel)}/${String(recordId)}`;
  }
  return createHash('sha256').update(canonicalJson(content)).digest('hex').slice(0, 32);
}

function isPresent(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
}

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
