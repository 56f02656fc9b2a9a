import type { JsonObject, NormalizeContext, NormalizeOutcome } from '../connector-type';
import { getField, setField } from '../shared/document-paths';
import { finishEdrEvent, redactEdrRecord } from '../shared/secrets/edr-redaction';
import { toIsoTimestamp } from '../shared/timestamps';
import { normalizeEvtxJson } from '../windows-evtx-json/normalize';
import { windowsRecordShape, type WindowsRecordShape } from './record-shape';
import { setSecurityEcs } from './security-ecs';
import { setSysmonEcs } from './sysmon-ecs';
import { winlogbeatToFlat } from './winlogbeat-fields';
import { integer, text } from './windows-values';

/** The System values that have a `winlog.*` home of their own; every other field is event data. */
const SYSTEM_PATHS: readonly (readonly [string, string])[] = [
  ['EventID', 'winlog.event_id'],
  ['Channel', 'winlog.channel'],
  ['Provider_Name', 'winlog.provider_name'],
  ['Computer', 'winlog.computer_name'],
  ['EventRecordID', 'winlog.record_id'],
];
const SYSTEM_NAMES = new Set(SYSTEM_PATHS.map(([name]) => name));

const TIME_FIELD: Readonly<Record<WindowsRecordShape, string>> = {
  evtx: 'Event.System.TimeCreated.SystemTime',
  winlogbeat: '@timestamp',
  flat: 'TimeCreated',
};

/**
 * One Windows event → ECS as Winlogbeat lays it out: `winlog.event_data.<name>` holds every field of
 * the event under the name Sigma uses (as normalizeEvtxJson reads them, System values such as Level or
 * ProcessID included), `winlog.event_id`/`channel`/`provider_name`/`computer_name`/`record_id` the
 * event's identity, and ECS fields (`process.*`, `file.*`, `user.*`...) are derived for Sysmon and the
 * Security log. The log source is normalizeEvtxJson's (from channel, provider and event id). Unlike other
 * connectors there is no `winlog.raw`: `winlog.event_data` and `winlog.*` already hold every value of the
 * record under the names Sigma uses, and `event.original` keeps its text.
 */
export function normalizeWindowsEvent(record: JsonObject, context: NormalizeContext): NormalizeOutcome {
  const shape = windowsRecordShape(record);
  if (shape === undefined) {
    return {
      ok: false,
      reason:
        'not a Windows event (needs EVTX as JSON {"Event": {"System": ...}}, winlog.event_id as Winlogbeat writes it, or EventID and Channel)',
    };
  }
  const redaction = redactEdrRecord(record);
  const clean = redaction.value;
  const result = normalizeEvtxJson(shape === 'winlogbeat' ? winlogbeatToFlat(clean) : clean);
  if (!result.ok) return result;
  const { fields, logsource, id } = result.event;
  const isSysmon = logsource.services.includes('sysmon');
  const timestamp =
    result.event.timestamp ??
    toIsoTimestamp(fields['TimeCreated']) ??
    (isSysmon ? toIsoTimestamp(fields['UtcTime']) : undefined);
  if (timestamp === undefined) {
    const raw = shape === 'winlogbeat' ? clean['@timestamp'] : fields['TimeCreated'];
    return {
      ok: false,
      reason: `${TIME_FIELD[shape]} is missing or not a time: ${JSON.stringify(raw ?? null)}`,
    };
  }

  const eventId = fields['EventID'] as number;
  const d: JsonObject = {};
  setField(d, 'event.kind', 'event');
  setField(d, 'event.code', String(eventId));
  setField(d, 'event.provider', text(fields['Provider_Name']));
  const computer = text(fields['Computer']);
  setField(d, 'host.name', computer);
  for (const [name, path] of SYSTEM_PATHS) {
    const value = fields[name];
    // Winlogbeat writes event and record ids as text.
    setField(d, path, typeof value === 'number' ? String(value) : value);
  }
  setField(d, 'winlog.provider_guid', text(fields['Provider_Guid']));
  setField(d, 'winlog.process.pid', integer(fields['ProcessID']));
  setField(d, 'winlog.process.thread.id', integer(fields['ThreadID']));
  setField(d, 'winlog.user.identifier', text(fields['UserID']));
  setField(d, 'winlog.event_data', eventData(fields));
  if (isSysmon) setSysmonEcs(d, fields, eventId);
  else if (logsource.services.includes('security')) setSecurityEcs(d, fields, eventId);
  if (!isSysmon && getField(d, 'user.id') === undefined) setField(d, 'user.id', text(fields['UserID']));

  const { module, dataset } = datasetOf(text(fields['Channel']), isSysmon);
  return finishEdrEvent(
    {
      connector: 'windows-sysmon',
      module,
      dataset,
      id,
      key: computer ?? id,
      timestamp,
      logsource,
      document: d,
    },
    redaction,
    context,
  );
}

/** Every field but the five System values that live under `winlog.*`. */
function eventData(fields: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key in fields) if (!SYSTEM_NAMES.has(key)) out[key] = fields[key];
  return out;
}

/** `event.module` / `event.dataset` as Elastic's Windows and System integrations name them. */
function datasetOf(channel: string | undefined, isSysmon: boolean): { module: string; dataset: string } {
  if (isSysmon) return { module: 'windows', dataset: 'windows.sysmon_operational' };
  switch (channel?.toLowerCase()) {
    case 'security':
      return { module: 'system', dataset: 'system.security' };
    case 'system':
      return { module: 'system', dataset: 'system.system' };
    case 'application':
      return { module: 'system', dataset: 'system.application' };
    case 'microsoft-windows-powershell/operational':
      return { module: 'windows', dataset: 'windows.powershell_operational' };
    case 'windows powershell':
      return { module: 'windows', dataset: 'windows.powershell' };
    default:
      return { module: 'windows', dataset: 'windows.forwarded' };
  }
}
