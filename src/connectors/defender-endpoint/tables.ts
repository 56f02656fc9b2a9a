import type { EventLogsource } from '../../core/event';
import { stringField } from '../shared/document-paths';

/**
 * Which Advanced Hunting table a record comes from: the streamed category names it
 * (`AdvancedHunting-DeviceProcessEvents`); Sentinel rows carry it in `Type`; plain API rows only show it
 * by their columns and action.
 */
export function tableOf(record: Record<string, unknown>, row: Record<string, unknown>): string | undefined {
  const category = stringField(record, 'category');
  if (category?.startsWith('AdvancedHunting-')) return category.slice('AdvancedHunting-'.length);
  for (const key of ['Type', 'Table', 'TableName']) {
    const named = stringField(row, key);
    if (named?.startsWith('Device')) return named;
  }
  const action = stringField(row, 'ActionType') ?? '';
  if (action === 'ProcessCreated' || 'ProcessCommandLine' in row) return 'DeviceProcessEvents';
  if (action === 'ImageLoaded') return 'DeviceImageLoadEvents';
  if (/^File(Created|Modified|Renamed|Deleted)$/.test(action)) return 'DeviceFileEvents';
  if (action.startsWith('Registry')) return 'DeviceRegistryEvents';
  if (action.startsWith('Logon')) return 'DeviceLogonEvents';
  if ('RemoteIP' in row || 'RemoteUrl' in row || 'RemotePort' in row) return 'DeviceNetworkEvents';
  return undefined;
}

/** ECS `event.category` by table, as Elastic's m365_defender integration sets it. */
const EVENT_CATEGORY: Readonly<Record<string, string>> = {
  DeviceProcessEvents: 'process',
  DeviceNetworkEvents: 'network',
  DeviceFileEvents: 'file',
  DeviceRegistryEvents: 'registry',
  DeviceImageLoadEvents: 'library',
  DeviceLogonEvents: 'authentication',
  DeviceInfo: 'host',
  DeviceNetworkInfo: 'host',
};

export function eventCategoryOf(table: string | undefined): string | undefined {
  return table === undefined ? undefined : EVENT_CATEGORY[table];
}

/** Sigma categories by table and action; tables without a Sysmon-like counterpart get none. */
export function sigmaCategoriesOf(table: string | undefined, action: string | undefined): string[] {
  switch (table) {
    case 'DeviceProcessEvents':
      return ['process_creation'];
    case 'DeviceNetworkEvents':
      return ['network_connection'];
    case 'DeviceImageLoadEvents':
      return ['image_load'];
    case 'DeviceFileEvents':
      if (action === 'FileDeleted') return ['file_delete'];
      if (action === 'FileRenamed') return ['file_rename'];
      return ['file_event'];
    default:
      return [];
  }
}

/** Every log source this connector gives events, for each platform Defender for Endpoint runs on. */
export const DEFENDER_LOGSOURCES: readonly EventLogsource[] = ['windows', 'linux', 'macos'].flatMap(
  (product) => [
    ...[
      'process_creation',
      'network_connection',
      'image_load',
      'file_event',
      'file_delete',
      'file_rename',
    ].map((category) => ({ product, categories: [category], services: [] })),
    { product, categories: [], services: [] },
  ],
);
