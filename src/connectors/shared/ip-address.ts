import { isIP } from 'node:net';

/** An IP address, with IPv4-mapped IPv6 (`::ffff:1.2.3.4`) read as the IPv4 address it is. */
export function ipAddress(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const unmapped = value.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  return isIP(unmapped) ? unmapped : undefined;
}
