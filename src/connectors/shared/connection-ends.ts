import type { EcsDocument } from '../../core/normalized-event';
import { setField } from './document-paths';

export interface ConnectionEnd {
  ip?: string;
  port?: number;
}

/**
 * `source.*` / `destination.*` oriented as Sysmon does, so that network_connection rules read the same
 * on every EDR: the side that started the connection is the source (the local end, unless inbound).
 */
export function setConnectionEnds(
  d: EcsDocument,
  local: ConnectionEnd,
  remote: ConnectionEnd,
  inbound: boolean,
): void {
  const [source, destination] = inbound ? [remote, local] : [local, remote];
  setField(d, 'source.ip', source.ip);
  setField(d, 'source.port', source.port);
  setField(d, 'destination.ip', destination.ip);
  setField(d, 'destination.port', destination.port);
}
