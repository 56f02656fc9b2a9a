import type { DetectionEvent } from '../../core/event';
import { windowsLogsource } from './derive-logsource';
import { windowsEventId } from './event-identity';
import { NOT_PLAIN, PLAIN, plainEventData, readEventData, readUserData } from './event-data';
import { attributesOf, isObject, textOf, type JsonObject } from './xml-json';

/** The fields set from Event.System, in the order they are set. */
const SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'EventID',
  'Provider_Name',
  'Provider_Guid',
  'Channel',
  'Computer',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'EventRecordID',
  'Version',
  'ProcessID',
  'ThreadID',
  'UserID',
  'TimeCreated',
]);

export type EvtxNormalizeResult = { ok: true; event: DetectionEvent } | { ok: false; reason: string };

/**
 * Maps a Windows event exported from EVTX as JSON (`{Event: {System, EventData | UserData}}`) onto
 * Sigma's Windows field names, as flat keys: every EventData and UserData field at the top, beside
 * EventID, Channel, Provider_Name and the other System values. Values keep their JSON types. Already
 * flat events (EventID and Channel at the top, as winlogbeat-like exports) are taken as they are.
 */
export function normalizeEvtxJson(doc: unknown): EvtxNormalizeResult {
  if (!isObject(doc)) return { ok: false, reason: 'the record is not a JSON object' };
  const event = doc['Event'];
  if (event === undefined && 'EventID' in doc && 'Channel' in doc) return normalizeFlat(doc);
  if (!isObject(event))
    return { ok: false, reason: 'no Event object (expected EVTX as JSON: {"Event": {"System": ...}})' };
  const system = event['System'];
  if (!isObject(system)) return { ok: false, reason: 'Event.System is missing' };
  const rawEventId = textOf(system['EventID']);
  if (rawEventId === undefined || rawEventId === null)
    return { ok: false, reason: 'Event.System.EventID is missing' };
  const eventId = toEventId(rawEventId);
  if (eventId === undefined)
    return { ok: false, reason: `Event.System.EventID is not a number: ${JSON.stringify(rawEventId)}` };

  const eventData = event['EventData'];
  const userData = event['UserData'];
  // The common case, EventData as a plain map of names to values and no UserData, is copied in one
  // spread: the copy keeps fast properties (adding dozens of computed names one by one would turn it
  // into a hash table, slower for every rule that reads it). Anything else takes the general path.
  const plain = userData === undefined ? plainEventData(eventData, SYSTEM_FIELDS) : NOT_PLAIN;
  let fields: JsonObject;
  if (plain !== NOT_PLAIN) {
    fields = { ...(eventData as JsonObject) };
  } else {
    fields = {};
    readEventData(eventData, fields);
    readUserData(userData, fields);
  }
  // No name of SYSTEM_FIELDS in the copied EventData: none is in `fields` yet (Object.prototype has
  // none either), so the checks below for a clash can be skipped.
  const fresh = plain === PLAIN;
  const provider = attributesOf(system['Provider']);
  const execution = attributesOf(system['Execution']);
  // On a clash the event's own data wins: rules address EventData fields far more than System ones.
  // Each is set under a literal name (not through a helper taking the name), which keeps `fields` a
  // fast-properties object: this runs for every event.
  if (fresh || !('EventID' in fields)) fields['EventID'] = eventId;
  let value = provider['Name'];
  if (value !== undefined && value !== null && (fresh || !('Provider_Name' in fields)))
    fields['Provider_Name'] = value;
  value = provider['Guid'];
  if (value !== undefined && value !== null && (fresh || !('Provider_Guid' in fields)))
    fields['Provider_Guid'] = value;
  // The System elements copied under their own name, as their text.
  value = textOf(system['Channel']);
  if (value !== undefined && value !== null && (fresh || !('Channel' in fields))) fields['Channel'] = value;
  value = textOf(system['Computer']);
  if (value !== undefined && value !== null && (fresh || !('Computer' in fields))) fields['Computer'] = value;
  value = textOf(system['Level']);
  if (value !== undefined && value !== null && (fresh || !('Level' in fields))) fields['Level'] = value;
  value = textOf(system['Task']);
  if (value !== undefined && value !== null && (fresh || !('Task' in fields))) fields['Task'] = value;
  value = textOf(system['Opcode']);
  if (value !== undefined && value !== null && (fresh || !('Opcode' in fields))) fields['Opcode'] = value;
  value = textOf(system['Keywords']);
  if (value !== undefined && value !== null && (fresh || !('Keywords' in fields))) fields['Keywords'] = value;
  value = textOf(system['EventRecordID']);
  if (value !== undefined && value !== null && (fresh || !('EventRecordID' in fields)))
    fields['EventRecordID'] = value;
  value = textOf(system['Version']);
  if (value !== undefined && value !== null && (fresh || !('Version' in fields))) fields['Version'] = value;
  value = execution['ProcessID'];
  if (value !== undefined && value !== null && (fresh || !('ProcessID' in fields)))
    fields['ProcessID'] = value;
  value = execution['ThreadID'];
  if (value !== undefined && value !== null && (fresh || !('ThreadID' in fields))) fields['ThreadID'] = value;
  value = attributesOf(system['Security'])['UserID'];
  if (value !== undefined && value !== null && (fresh || !('UserID' in fields))) fields['UserID'] = value;
  value = attributesOf(system['TimeCreated'])['SystemTime'];
  if (value !== undefined && value !== null && (fresh || !('TimeCreated' in fields)))
    fields['TimeCreated'] = value;
  return { ok: true, event: toDetectionEvent(fields, doc) };
}

function normalizeFlat(doc: JsonObject): EvtxNormalizeResult {
  const eventId = toEventId(doc['EventID']);
  if (eventId === undefined)
    return { ok: false, reason: `EventID is not a number: ${JSON.stringify(doc['EventID'])}` };
  return { ok: true, event: toDetectionEvent({ ...doc, EventID: eventId }, doc) };
}

function toDetectionEvent(fields: JsonObject, doc: JsonObject): DetectionEvent {
  const { Channel: channel, Provider_Name: provider, Computer: computer, EventRecordID: recordId } = fields;
  const event: DetectionEvent = {
    fields,
    logsource: windowsLogsource(asString(channel), asString(provider), fields['EventID'] as number),
    id: windowsEventId(computer, channel, recordId, doc),
  };
  const timestamp = isoTimestamp(fields['TimeCreated'] ?? fields['@timestamp']);
  if (timestamp !== undefined) event.timestamp = timestamp;
  return event;
}

/** Event ids are numbers; exports write them as numbers or numeric strings. */
function toEventId(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/**
 * The event time in the one form alerts use, `Date.toISOString()` (the field TimeCreated keeps the
 * original precision). SystemTime is UTC: written as ISO 8601, or by some converters with a space and
 * no zone, which is read as UTC too. Other forms are left out rather than guessed at.
 */
function isoTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // The common case, UTC SystemTime with a fraction, is rewritten without a Date round trip.
  if (UTC_WITH_FRACTION.test(value)) return `${value.slice(0, 23)}Z`;
  const parts = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$/.exec(value.trim());
  if (!parts) return undefined;
  const [, date, clock, fraction, zone] = parts;
  // Date reads at most milliseconds reliably: cut longer fractions (SystemTime has 7 digits).
  const time = Date.parse(`${date}T${clock}${(fraction ?? '').slice(0, 4)}${zone ?? 'Z'}`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const UTC_WITH_FRACTION =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3,}Z$/;

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
