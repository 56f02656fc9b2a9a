import type { JsonObject } from '../connector-type';
import { getField, isJsonObject, stringField } from '../shared/document-paths';

/**
 * A Winlogbeat / Elastic Agent document as the flat Sigma fields normalizeEvtxJson reads: the event's
 * own data (`winlog.event_data`, `winlog.user_data`) under their names, and the System values under
 * Sigma's names (EventID, Channel, Provider_Name, Computer, EventRecordID...).
 */
export function winlogbeatToFlat(record: JsonObject): JsonObject {
  const winlog = record['winlog'] as JsonObject;
  const flat: JsonObject = {};
  copyData(winlog['event_data'], flat);
  copyUserData(winlog['user_data'], flat);
  const provider = stringField(winlog, 'provider_name') ?? stringField(record, 'event.provider');
  if (provider === SYSMON_PROVIDER) backfillSysmonFromEcs(record, flat);
  // The event's own data wins on a clash, as in normalizeEvtxJson.
  const set = (name: string, value: unknown): void => {
    if (value !== undefined && value !== null && value !== '' && !(name in flat)) flat[name] = value;
  };
  set('EventID', winlog['event_id']);
  // normalizeEvtxJson reads a flat event only when it has a Channel (even an empty one).
  flat['Channel'] ??= stringField(winlog, 'channel') ?? '';
  set('Provider_Name', provider);
  set('Provider_Guid', winlog['provider_guid']);
  set('Computer', winlog['computer_name']);
  set('EventRecordID', winlog['record_id']);
  set('ProcessID', getField(winlog, 'process.pid'));
  set('ThreadID', getField(winlog, 'process.thread.id'));
  set('UserID', getField(winlog, 'user.identifier'));
  set('Version', winlog['version']);
  set('TimeCreated', winlog['time_created'] ?? record['@timestamp']);
  return flat;
}

const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon';

function copyData(data: unknown, out: JsonObject): void {
  if (!isJsonObject(data)) return;
  for (const [key, value] of Object.entries(data)) out[key] = value;
}

/** UserData holds one provider element whose children are the fields (as in EVTX). */
function copyUserData(data: unknown, out: JsonObject): void {
  if (!isJsonObject(data)) return;
  for (const [key, value] of Object.entries(data)) {
    if (isJsonObject(value)) copyData(value, out);
    else out[key] = value;
  }
}

/**
 * Elastic's Sysmon ingest pipeline moves EventData fields to ECS (`winlog.event_data.Image` becomes
 * `process.executable`). For documents read back from such an index, the Sigma names are restored from
 * ECS where the event data lacks them, so Sigma rules see the same fields as on a raw event.
 */
const SYSMON_FROM_ECS: readonly (readonly [string, string])[] = [
  ['Image', 'process.executable'],
  ['CommandLine', 'process.command_line'],
  ['ProcessId', 'process.pid'],
  ['ProcessGuid', 'process.entity_id'],
  ['CurrentDirectory', 'process.working_directory'],
  ['OriginalFileName', 'process.pe.original_file_name'],
  ['Description', 'process.pe.description'],
  ['Product', 'process.pe.product'],
  ['Company', 'process.pe.company'],
  ['FileVersion', 'process.pe.file_version'],
  ['ParentImage', 'process.parent.executable'],
  ['ParentCommandLine', 'process.parent.command_line'],
  ['ParentProcessId', 'process.parent.pid'],
  ['ParentProcessGuid', 'process.parent.entity_id'],
  ['SourceIp', 'source.ip'],
  ['SourcePort', 'source.port'],
  ['SourceHostname', 'source.domain'],
  ['DestinationIp', 'destination.ip'],
  ['DestinationPort', 'destination.port'],
  ['DestinationHostname', 'destination.domain'],
  ['Protocol', 'network.transport'],
  ['QueryName', 'dns.question.name'],
  ['TargetObject', 'registry.path'],
  ['RuleName', 'rule.name'],
];

/** Sysmon event ids whose TargetFilename / ImageLoaded became `file.path`. */
const TARGET_FILENAME_EVENTS = new Set(['2', '11', '15', '23', '26', '27', '28', '29']);
const IMAGE_LOADED_EVENTS = new Set(['6', '7']);

function backfillSysmonFromEcs(record: JsonObject, flat: JsonObject): void {
  const fill = (name: string, value: unknown): void => {
    if (value !== undefined && value !== null && value !== '' && !(name in flat)) flat[name] = value;
  };
  for (const [sigma, ecs] of SYSMON_FROM_ECS) fill(sigma, scalar(getField(record, ecs)));
  const eventId = String(getField(record, 'winlog.event_id') ?? '');
  const filePath = stringField(record, 'file.path');
  if (TARGET_FILENAME_EVENTS.has(eventId)) fill('TargetFilename', filePath);
  if (IMAGE_LOADED_EVENTS.has(eventId)) fill('ImageLoaded', filePath);
  fill('Details', scalar(getField(record, 'registry.data.strings')));
  const direction = stringField(record, 'network.direction');
  if (direction === 'egress' || direction === 'outbound') fill('Initiated', 'true');
  if (direction === 'ingress' || direction === 'inbound') fill('Initiated', 'false');
  fill('Hashes', sysmonHashes(record));
  const userName = stringField(record, 'user.name');
  const userDomain = stringField(record, 'user.domain');
  if (userName && userDomain) fill('User', `${userDomain}\\${userName}`);
}

/** `process.hash.*` (and `process.pe.imphash`) back in Sysmon's `SHA256=...,IMPHASH=...` form. */
function sysmonHashes(record: JsonObject): string | undefined {
  const hash = getField(record, 'process.hash');
  const parts: string[] = [];
  if (isJsonObject(hash)) {
    for (const [algorithm, value] of Object.entries(hash)) {
      if (typeof value === 'string' && value !== '')
        parts.push(`${algorithm.toUpperCase()}=${value.toUpperCase()}`);
    }
  }
  const imphash = stringField(record, 'process.pe.imphash');
  if (imphash) parts.push(`IMPHASH=${imphash.toUpperCase()}`);
  return parts.length > 0 ? parts.join(',') : undefined;
}

/** ECS keeps some single values in arrays (`registry.data.strings`): the first one is the Sysmon value. */
function scalar(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
