import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, numberField, setField, stringField } from '../shared/document-paths';
import { contentId } from '../shared/identity';
import { ipAddress } from '../shared/ip-address';
import { toIsoTimestamp } from '../shared/timestamps';
import { finishEdrEvent, redactEdrRecord } from '../shared/secrets/edr-redaction';
import { setNetworkFields } from './network-fields';
import { productOf } from './platform';
import { fullPath, setProcessFields } from './process-fields';
import { eventCategoryOf, sigmaCategoriesOf, tableOf } from './tables';
import { isDefenderEndpointRecord, isStreamedRecord, rowOf } from './unwrap';

/** ECS `event.type` by table (for the process table: every row is a process start). */
const EVENT_TYPE: Readonly<Record<string, string>> = {
  DeviceProcessEvents: 'start',
  DeviceNetworkEvents: 'connection',
  DeviceImageLoadEvents: 'start',
  DeviceLogonEvents: 'start',
};
const FILE_EVENT_TYPE: Readonly<Record<string, string>> = {
  FileCreated: 'creation',
  FileModified: 'change',
  FileRenamed: 'change',
  FileDeleted: 'deletion',
};

/**
 * One Advanced Hunting row (streamed or from the API) → ECS with the choices of Elastic's m365_defender
 * integration, plus the record as it came under `m365_defender.event.raw`. DeviceProcessEvents rows are
 * Sigma `process_creation`, DeviceNetworkEvents rows `network_connection` (file and image-load tables
 * get their Sysmon-like categories too); the product is read from the image path.
 */
export function normalizeDefenderEvent(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  if (!isDefenderEndpointRecord(record)) {
    const category = stringField(record, 'category');
    return {
      ok: false,
      reason: category?.startsWith('AdvancedHunting-')
        ? `not a Defender for Endpoint device table: ${category}`
        : 'not a Defender for Endpoint record (needs an AdvancedHunting-Device* record or a hunting row with DeviceId/DeviceName, Timestamp and ActionType)',
    };
  }
  const redaction = redactEdrRecord(record);
  const clean = redaction.value;
  const row = rowOf(clean) as JsonObject;
  const timestamp = toIsoTimestamp(row['Timestamp'] ?? row['TimeGenerated']);
  if (timestamp === undefined) {
    return {
      ok: false,
      reason: `Timestamp is missing or not a time: ${JSON.stringify(row['Timestamp'] ?? row['TimeGenerated'] ?? null)}`,
    };
  }
  const table = tableOf(clean, row);
  const action = stringField(row, 'ActionType');
  const isProcessTable = table === 'DeviceProcessEvents';

  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.provider', table);
  setField(d, 'event.action', action?.toLowerCase().replace(/ /g, '-'));
  setField(d, 'event.category', optionalList(eventCategoryOf(table)));
  setField(d, 'event.type', optionalList(eventTypeOf(table, action)));
  setField(
    d,
    'event.outcome',
    action === 'ConnectionFailed' || action === 'LogonFailed' ? 'failure' : undefined,
  );
  setField(d, 'event.created', isStreamedRecord(clean) ? toIsoTimestamp(clean['time']) : undefined);
  const deviceName = stringField(row, 'DeviceName');
  setField(d, 'host.id', stringField(row, 'DeviceId'));
  setField(d, 'host.name', deviceName?.toLowerCase());
  setField(d, 'host.hostname', deviceName);
  setField(d, 'organization.id', stringField(clean, 'tenantId') ?? stringField(row, 'TenantId'));
  setProcessFields(d, row, isProcessTable);
  setUser(d, row, isProcessTable);
  if (table === 'DeviceNetworkEvents') setNetworkFields(d, row);
  // A logon's remote address is where it came from.
  if (table === 'DeviceLogonEvents') setField(d, 'source.ip', ipAddress(row['RemoteIP']));
  if (table === 'DeviceFileEvents' || table === 'DeviceImageLoadEvents') setFile(d, row);
  setField(d, 'm365_defender.event.process_integrity_level', stringField(row, 'ProcessIntegrityLevel'));
  setField(d, 'm365_defender.event.report_id', numberField(row, 'ReportId'));
  setField(d, 'm365_defender.event.raw', clean);

  const imagePath = stringField(d, 'process.executable') ?? stringField(row, 'FolderPath');
  const logsource = {
    product: productOf(imagePath),
    categories: sigmaCategoriesOf(table, action),
    services: [],
  };
  setField(d, 'host.os.type', logsource.product);
  const device = stringField(row, 'DeviceId') ?? deviceName;
  const reportId = row['ReportId'];
  // ReportId is a per-device counter: Microsoft documents it as unique only with the device and time.
  const id =
    device !== undefined && (typeof reportId === 'number' || typeof reportId === 'string')
      ? `${table ?? 'Device'}/${device}/${String(reportId)}/${timestamp}`
      : contentId(clean);
  return finishEdrEvent(
    {
      connector: 'defender-endpoint',
      module: 'm365_defender',
      dataset: 'm365_defender.event',
      id,
      key: device ?? id,
      timestamp,
      logsource,
      document: d,
    },
    redaction,
    context,
  );
}

/** The account of the created process (process table) or of the initiating process (other tables). */
function setUser(d: JsonObject, row: JsonObject, isProcessTable: boolean): void {
  const prefix = isProcessTable || getField(row, 'AccountName') ? 'Account' : 'InitiatingProcessAccount';
  setField(d, 'user.name', stringField(row, `${prefix}Name`));
  setField(d, 'user.domain', stringField(row, `${prefix}Domain`));
  setField(d, 'user.id', stringField(row, `${prefix}Sid`));
}

function setFile(d: JsonObject, row: JsonObject): void {
  const name = stringField(row, 'FileName');
  const path = fullPath(stringField(row, 'FolderPath'), name);
  setField(d, 'file.name', name);
  setField(d, 'file.path', path);
  setField(d, 'file.size', numberField(row, 'FileSize'));
  for (const algorithm of ['MD5', 'SHA1', 'SHA256']) {
    setField(d, `file.hash.${algorithm.toLowerCase()}`, stringField(row, algorithm)?.toLowerCase());
  }
}

function eventTypeOf(table: string | undefined, action: string | undefined): string | undefined {
  if (table === 'DeviceFileEvents') return action === undefined ? undefined : FILE_EVENT_TYPE[action];
  return table === undefined ? undefined : EVENT_TYPE[table];
}

function optionalList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : [value];
}
