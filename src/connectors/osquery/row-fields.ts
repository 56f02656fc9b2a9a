import { isIP } from 'node:net';
import type { JsonObject } from '../connector-type';
import { setConnectionEnds } from '../shared/connection-ends';
import { setField } from '../shared/document-paths';
import { setProcessImage } from '../shared/file-paths';
import { AF_UNIX } from './row-kind';

/** osquery writes every column as text; empty text means no value. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function integer(value: unknown): number | undefined {
  const t = text(value);
  return t !== undefined && /^-?\d+$/.test(t) && Number(t) >= 0 ? Number(t) : undefined;
}

/**
 * Process columns (processes, process_events, es_process_events). `parent` is a pid: the parent's path
 * and command line are known only when the query joins them, under the names packs commonly give them
 * (`parent_path`, `parent_cmdline`, `parent_name`).
 */
export function setProcessColumns(d: JsonObject, c: JsonObject): void {
  setProcessImage(d, 'process', text(c['path']), text(c['name']));
  setField(d, 'process.command_line', text(c['cmdline']));
  setField(d, 'process.pid', integer(c['pid']));
  setField(d, 'process.working_directory', text(c['cwd']));
  setField(d, 'process.parent.pid', integer(c['parent']));
  setProcessImage(d, 'process.parent', text(c['parent_path']), text(c['parent_name']));
  setField(d, 'process.parent.command_line', text(c['parent_cmdline']));
  setField(d, 'process.hash.sha256', text(c['sha256']));
  setField(d, 'process.user.id', text(c['uid']));
  setField(d, 'process.group.id', text(c['gid']));
}

const TRANSPORTS: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp' };
/** Address families: 2 is AF_INET everywhere; AF_INET6 is 10 on Linux, 30 on macOS, 23 on Windows. */
const FAMILIES: Readonly<Record<string, string>> = { '2': 'ipv4', '10': 'ipv6', '23': 'ipv6', '30': 'ipv6' };

/**
 * Socket columns (process_open_sockets, socket_events), oriented as Sysmon does: the initiator is the
 * source. Accepted sockets (socket_events action `accept`) have the remote end as source.
 */
export function setSocketColumns(d: JsonObject, c: JsonObject): void {
  setField(d, 'process.pid', integer(c['pid']));
  // process_open_sockets' own `path` is the socket file of Unix sockets; for the other families it is
  // the process image when the query joins processes.
  const path = String(c['family']) === AF_UNIX ? undefined : text(c['path']);
  setProcessImage(d, 'process', path, text(c['name']));
  setField(d, 'process.command_line', text(c['cmdline']));
  const inbound = c['action'] === 'accept';
  // Port 0 is no port. A listening socket's remote end is unspecified (0.0.0.0:0): there is none to write.
  const local = { ip: ip(c['local_address']), port: integer(c['local_port']) || undefined };
  const remoteIp = ip(c['remote_address']);
  const remote = {
    ip: remoteIp === '0.0.0.0' || remoteIp === '::' ? undefined : remoteIp,
    port: integer(c['remote_port']) || undefined,
  };
  setConnectionEnds(d, local, remote, inbound);
  setField(d, 'network.transport', TRANSPORTS[text(c['protocol']) ?? '']);
  setField(d, 'network.type', FAMILIES[text(c['family']) ?? '']);
  const socketAction = text(c['action']);
  if (socketAction === 'connect' || socketAction === 'accept') {
    setField(d, 'network.direction', inbound ? 'ingress' : 'egress');
    setField(d, 'osquery.result.initiated', !inbound);
  }
}

function ip(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && isIP(t) ? t : undefined;
}
