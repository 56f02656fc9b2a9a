/** IPv4 and IPv6 network ranges for the `cidr` modifier, as 128-bit numbers (IPv4 mapped into IPv6). */
export interface Network {
  base: bigint;
  mask: bigint;
  text: string;
}

const V4_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

export function parseNetwork(text: string): Network | undefined {
  const [address, prefixText, extra] = text.trim().split('/');
  if (address === undefined || extra !== undefined) return undefined;
  const ip = parseIp(address);
  if (ip === undefined) return undefined;
  const isV4 = !address.includes(':');
  const maxPrefix = isV4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefix > maxPrefix) return undefined;
  const bits = BigInt((isV4 ? 96 : 0) + prefix);
  const mask = bits === 0n ? 0n : (ALL_ONES << (128n - bits)) & ALL_ONES;
  return { base: ip & mask, mask, text };
}

export function inNetwork(address: string, network: Network): boolean {
  const ip = parseIp(address);
  return ip !== undefined && (ip & network.mask) === network.base;
}

/** Parses an IPv4 or IPv6 address (with `::`, an embedded IPv4 tail, or a `%zone`) into 128 bits. */
export function parseIp(text: string): bigint | undefined {
  const s = text.trim();
  if (s.includes(':')) return parseV6(s.split('%')[0] as string);
  const v4 = parseV4(s);
  return v4 === undefined ? undefined : V4_PREFIX | BigInt(v4);
}

function parseV4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function parseV6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseV4(piece);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(Math.max(0, missing)).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}
