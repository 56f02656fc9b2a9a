/** Readers for the value forms Windows events use. Windows writes `-` for "no value". */

/** A non-empty text value (numbers as text), or undefined for absent, empty and `-`. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed === '-' ? undefined : value;
}

/** A process id or port: decimal (Sysmon) or hexadecimal `0x1a2b` (Security log). */
export function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  const t = text(value)?.trim();
  if (t === undefined) return undefined;
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

/** The folder part of a path (without the trailing separator). */
export function directoryName(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return cut > 0 ? path.slice(0, cut) : undefined;
}

/** `DOMAIN\name` as Sysmon writes accounts. */
export function splitAccount(value: unknown): { domain?: string; name?: string } {
  const t = text(value);
  if (t === undefined) return {};
  const cut = t.indexOf('\\');
  return cut < 0 ? { name: t } : { domain: t.slice(0, cut), name: t.slice(cut + 1) };
}

/** Sysmon's `SHA1=...,MD5=...,SHA256=...,IMPHASH=...`, lowercased, without all-zero hashes. */
export function parseHashes(value: unknown): Record<string, string> | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const part of t.split(',')) {
    const [algorithm, hash] = part.split('=');
    if (!algorithm || !hash || /^0*$/.test(hash.trim())) continue;
    out[algorithm.trim().toLowerCase()] = hash.trim().toLowerCase();
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Sysmon's booleans are `true`/`false` text in EVTX and Winlogbeat, booleans in some exports. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const t = text(value)?.toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : undefined;
}
