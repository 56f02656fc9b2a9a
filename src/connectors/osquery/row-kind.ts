import type { EventLogsource } from '../../core/event';
import { isJsonObject } from '../shared/document-paths';

export type RowKind = 'process' | 'socket';

/**
 * What a row describes, from its columns (query names are free text): a socket when it has a remote
 * address and port (process_open_sockets, socket_events), a process when it has a pid and a path or
 * command line (processes, process_events, es_process_events). Socket wins: socket queries often join
 * the process table.
 */
export function rowKindOf(columns: Record<string, unknown>): RowKind | undefined {
  if ('remote_address' in columns && 'remote_port' in columns) return 'socket';
  if ('pid' in columns && ('path' in columns || 'cmdline' in columns)) return 'process';
  return undefined;
}

export const AF_UNIX = '1';

/** Unix sockets, and unspecified remote ends (`0.0.0.0:0`) are listening sockets, not connections. */
export function isConnection(columns: Record<string, unknown>, action: unknown): boolean {
  if (action === 'removed' || String(columns['family']) === AF_UNIX) return false;
  const socketAction = columns['action'];
  if (typeof socketAction === 'string' && !['connect', 'accept'].includes(socketAction)) return false;
  const port = String(columns['remote_port'] ?? '0');
  const address = String(columns['remote_address'] ?? '');
  return port !== '0' && port !== '' && !['', '0.0.0.0', '::'].includes(address);
}

/** Sigma categories of a row: processes seen starting (or running, in snapshots) and live connections. */
export function sigmaCategoriesOf(
  kind: RowKind | undefined,
  columns: Record<string, unknown>,
  action: unknown,
): string[] {
  if (kind === 'process') return action === 'removed' ? [] : ['process_creation'];
  if (kind === 'socket') return isConnection(columns, action) ? ['network_connection'] : [];
  return [];
}

const PLATFORM_PRODUCTS: Readonly<Record<string, string>> = {
  darwin: 'macos',
  macos: 'macos',
  windows: 'windows',
};

/**
 * The Sigma product: from a decoration naming the OS (`platform`, `os`, `os_type`, `platform_like`, as
 * decorator queries on os_version name them), else `windows` for drive-letter paths, else `linux`.
 */
export function productOf(decorations: unknown, columns: Record<string, unknown>): string {
  if (isJsonObject(decorations)) {
    for (const key of ['platform', 'os_platform', 'os', 'os_type', 'platform_like']) {
      const value = decorations[key];
      if (typeof value === 'string' && value !== '') return PLATFORM_PRODUCTS[value.toLowerCase()] ?? 'linux';
    }
  }
  return typeof columns['path'] === 'string' && /^[A-Za-z]:\\/.test(columns['path']) ? 'windows' : 'linux';
}

export const OSQUERY_LOGSOURCES: readonly EventLogsource[] = ['linux', 'macos', 'windows'].flatMap(
  (product) => [
    { product, categories: ['process_creation'], services: [] },
    { product, categories: ['network_connection'], services: [] },
    { product, categories: [], services: [] },
  ],
);
