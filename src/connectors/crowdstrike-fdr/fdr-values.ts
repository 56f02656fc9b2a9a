import { isIP } from 'node:net';

/** FDR writes every value as text: numbers, times and ids alike. */

export function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function integer(value: unknown): number | undefined {
  const t = text(value)?.trim();
  return t !== undefined && /^\d+$/.test(t) ? Number(t) : undefined;
}

export function ipAddress(value: unknown): string | undefined {
  const t = text(value)?.trim();
  return t !== undefined && isIP(t) ? t : undefined;
}

/** A hash, lowercased; the sensor writes zeros when it has none. */
export function hash(value: unknown): string | undefined {
  const t = text(value)?.trim();
  return t === undefined || /^0+$/.test(t) ? undefined : t.toLowerCase();
}

/** IANA protocol numbers FDR writes in `Protocol`. */
const TRANSPORTS: Readonly<Record<string, string>> = {
  '1': 'icmp',
  '6': 'tcp',
  '17': 'udp',
  '58': 'ipv6-icmp',
};

export function transportOf(protocol: unknown): string | undefined {
  const t = text(protocol);
  return t === undefined ? undefined : TRANSPORTS[t];
}

/** DNS record types FDR writes in `RequestType`. */
const DNS_TYPES: Readonly<Record<string, string>> = {
  '1': 'A',
  '2': 'NS',
  '5': 'CNAME',
  '6': 'SOA',
  '12': 'PTR',
  '15': 'MX',
  '16': 'TXT',
  '28': 'AAAA',
  '33': 'SRV',
  '64': 'SVCB',
  '65': 'HTTPS',
  '255': 'ANY',
};

export function dnsTypeOf(requestType: unknown): string | undefined {
  const t = text(requestType);
  return t === undefined ? undefined : (DNS_TYPES[t] ?? t);
}
