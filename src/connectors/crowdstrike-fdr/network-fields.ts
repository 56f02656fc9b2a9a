import type { JsonObject } from '../connector-type';
import { setConnectionEnds } from '../shared/connection-ends';
import { setField } from '../shared/document-paths';
import { dnsTypeOf, integer, ipAddress, text, transportOf } from './fdr-values';

/** `ConnectionDirection`: 0 outbound, 1 inbound (2 neither, 3 both: direction unknown). */
const DIRECTIONS: Readonly<Record<string, 'inbound' | 'outbound'>> = { '0': 'outbound', '1': 'inbound' };

/** Network fields. Accepted connections (NetworkReceiveAccept*) and inbound ones have the remote end as source. */
export function setNetworkFields(d: JsonObject, e: JsonObject, simpleName: string): void {
  const inboundEvent = simpleName.startsWith('NetworkReceiveAccept');
  const direction = inboundEvent ? 'inbound' : DIRECTIONS[text(e['ConnectionDirection']) ?? ''];
  const local = {
    ip: ipAddress(e['LocalAddressIP4']) ?? ipAddress(e['LocalAddressIP6']),
    port: integer(e['LocalPort']),
  };
  const remote = {
    ip: ipAddress(e['RemoteAddressIP4']) ?? ipAddress(e['RemoteAddressIP6']),
    port: integer(e['RemotePort']),
  };
  setConnectionEnds(d, local, remote, direction === 'inbound');
  setField(d, 'network.transport', transportOf(e['Protocol']));
  setField(d, 'network.direction', direction ?? 'unknown');
  setField(d, 'network.type', simpleName.endsWith('IP6') ? 'ipv6' : 'ipv4');
  if (direction !== undefined) setField(d, 'crowdstrike.fdr.initiated', direction === 'outbound');
}

export function setDnsFields(d: JsonObject, e: JsonObject): void {
  setField(d, 'dns.question.name', text(e['DomainName']));
  setField(d, 'dns.question.type', dnsTypeOf(e['RequestType']));
  setField(d, 'network.protocol', 'dns');
}
