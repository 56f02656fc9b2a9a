import type { JsonObject } from '../connector-type';
import { setConnectionEnds } from '../shared/connection-ends';
import { getField, isJsonObject, numberField, setField, stringField } from '../shared/document-paths';
import { ipAddress } from '../shared/ip-address';

/** Actions of DeviceNetworkEvents where the remote side started the connection. */
const INBOUND_ACTIONS = new Set(['InboundConnectionAccepted', 'ListeningConnectionCreated']);

/**
 * Network fields of a DeviceNetworkEvents row, oriented as Sysmon does: for outbound (and unknown)
 * connections the local end is `source` and the remote end `destination`; for inbound ones the remote
 * end is `source`. `m365_defender.event.initiated` says which, as Sysmon's `Initiated` does.
 */
export function setNetworkFields(d: JsonObject, row: JsonObject): void {
  const direction = directionOf(row);
  const inbound = direction === 'inbound';
  const local = { ip: ipAddress(row['LocalIP']), port: numberField(row, 'LocalPort') };
  const remote = { ip: ipAddress(row['RemoteIP']), port: numberField(row, 'RemotePort') };
  setConnectionEnds(d, local, remote, inbound);
  const remoteUrl = stringField(row, 'RemoteUrl');
  const remoteHost = remoteUrl === undefined ? undefined : hostOf(remoteUrl);
  setField(d, inbound ? 'source.domain' : 'destination.domain', remoteHost);
  if (remoteUrl?.includes('://')) setField(d, 'url.original', remoteUrl);
  setField(d, 'network.direction', direction);
  setField(d, 'm365_defender.event.initiated', direction === 'unknown' ? undefined : !inbound);
  const protocol = stringField(row, 'Protocol');
  setField(d, 'network.protocol', protocol?.toLowerCase());
  const transport = /^(tcp|udp|icmp)/i.exec(protocol ?? '')?.[1];
  setField(d, 'network.transport', transport?.toLowerCase());
}

function directionOf(row: JsonObject): 'inbound' | 'outbound' | 'unknown' {
  const action = stringField(row, 'ActionType');
  if (action !== undefined && INBOUND_ACTIONS.has(action)) return 'inbound';
  const additional = additionalFields(row);
  const direction =
    typeof additional?.['direction'] === 'string' ? additional['direction'].toLowerCase() : '';
  if (direction === 'in') return 'inbound';
  if (direction === 'out') return 'outbound';
  return action?.startsWith('Connection') ? 'outbound' : 'unknown';
}

/** `AdditionalFields` is a JSON object written as text in streamed records, an object in API rows. */
export function additionalFields(row: JsonObject): Record<string, unknown> | undefined {
  const value = getField(row, 'AdditionalFields');
  if (isJsonObject(value)) return value;
  if (typeof value !== 'string' || !value.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** RemoteUrl is a host name (`api.openai.com`) or a URL (`https://host/path`). */
function hostOf(remoteUrl: string): string | undefined {
  if (remoteUrl.includes('://')) {
    try {
      return new URL(remoteUrl).hostname || undefined;
    } catch {
      return undefined;
    }
  }
  return remoteUrl.split(/[/:]/)[0] || undefined;
}
