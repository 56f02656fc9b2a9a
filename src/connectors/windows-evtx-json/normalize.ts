import { createHash } from 'node:crypto';
import type { DetectionEvent, EventLogsource } from '../../core/event';
import {
  CATEGORIES_BY_SYSMON_EVENT,
  POWERSHELL_CATEGORIES,
  SERVICE_BY_CHANNEL,
  SYSMON_CHANNEL,
  SYSMON_PROVIDER,
} from './windows-logsources';

export type EvtxNormalizeResult = { ok: true; event: DetectionEvent } | { ok: false; reason: string };

type Json = Record<string, unknown>;

/** System elements copied as they are (their text) under their own name. */
const SYSTEM_TEXT_FIELDS = ['Channel', 'Computer', 'Level', 'Task', 'Opcode', 'Keywords', 'EventRecordID', 'Version'];

/**
 * Maps a Windows event exported from EVTX as JSON (`{Event: {System, EventData | UserData}}`, XML
 * attributes under `#attributes`, text under `#text`) onto Sigma's Windows field names, flat, and derives
 * its Sigma log source. Already flat events (EventID and Channel at the top) are taken as they are.
 */
export function normalizeEvtxJson(doc: unknown): EvtxNormalizeResult {
  if (!isObject(doc)) return { ok: false, reason: 'the record is not a JSON object' };
  const event = doc['Event'];
  if (!isObject(event)) {
    if ('EventID' in doc && 'Channel' in doc) return flatEvent(doc);
    return { ok: false, reason: 'no Event object (expected EVTX as JSON: {"Event": {"System": …}})' };
  }
  const system = event['System'];
  if (!isObject(system)) return { ok: false, reason: 'Event.System is missing' };
  const eventId = toNumber(textOf(system['EventID']));
  if (eventId === undefined) return { ok: false, reason: 'Event.System.EventID is missing or not a number' };

  const fields: Json = {};
  readEventData(event['EventData'], fields);
  readUserData(event['UserData'], fields);
  const provider = attributes(system['Provider']);
  const execution = attributes(system['Execution']);
  const security = attributes(system['Security']);
  const time = attributes(system['TimeCreated'])['SystemTime'];
  // EventData wins: Sysmon's own ProcessID-like fields must not be overwritten by the logger's.
  const setSystem = (key: string, value: unknown): void => {
    if (value !== undefined && value !== null && !(key in fields)) fields[key] = value;
  };
  setSystem('EventID', eventId);
  setSystem('Provider_Name', provider['Name']);
  setSystem('Provider_Guid', provider['Guid']);
  for (const key of SYSTEM_TEXT_FIELDS) setSystem(key, textOf(system[key]));
  setSystem('ProcessID', execution['ProcessID']);
  setSystem('ThreadID', execution['ThreadID']);
  setSystem('UserID', security['UserID']);
  setSystem('TimeCreated', time);
  return { ok: true, event: toEvent(fields, typeof time === 'string' ? time : undefined) };
}

function flatEvent(doc: Json): EvtxNormalizeResult {
  const fields: Json = { ...doc };
  const eventId = toNumber(fields['EventID']);
  if (eventId === undefined) return { ok: false, reason: 'EventID is not a number' };
  fields['EventID'] = eventId;
  const time = fields['TimeCreated'] ?? fields['@timestamp'];
  return { ok: true, event: toEvent(fields, typeof time === 'string' ? time : undefined) };
}

function toEvent(fields: Json, timestamp: string | undefined): DetectionEvent {
  return { fields, logsource: logsourceOf(fields), id: eventIdentity(fields), timestamp };
}

/** EventData comes as a map of names to values, or as a `Data` list of `{#attributes: {Name}, #text}`. */
function readEventData(data: unknown, out: Json): void {
  if (!isObject(data)) return;
  for (const key in data) {
    if (key === '#attributes') continue;
    if (key === 'Data') readDataList(data[key], out);
    else setField(out, key, textOf(data[key]));
  }
}

function readDataList(value: unknown, out: Json): void {
  const items = Array.isArray(value) ? value : [value];
  const unnamed: unknown[] = [];
  for (const item of items) {
    const name = isObject(item) ? attributes(item)['Name'] : undefined;
    if (typeof name === 'string') setField(out, name, textOf(item));
    else unnamed.push(textOf(item));
  }
  if (unnamed.length > 0) out['Data'] = unnamed.length === 1 ? unnamed[0] : unnamed;
}

/** UserData holds one provider-specific element whose children are the event's fields. */
function readUserData(data: unknown, out: Json): void {
  if (!isObject(data)) return;
  for (const [key, inner] of Object.entries(data)) {
    if (key === '#attributes') continue;
    if (isObject(inner)) {
      for (const [field, value] of Object.entries(inner)) if (field !== '#attributes') setField(out, field, textOf(value));
    } else {
      setField(out, key, textOf(inner));
    }
  }
}

/**
 * Sets a field; names with spaces (Defender writes `Threat Name`) are also given without them
 * (`ThreatName`), the form Sigma rules use.
 */
function setField(out: Json, name: string, value: unknown): void {
  out[name] = value;
  if (name.includes(' ')) {
    const compact = name.replace(/ /g, '');
    if (!(compact in out)) out[compact] = value;
  }
}

/** One frozen log source object per kind of event, so routing can recognise it by identity. */
const logsourceCache = new Map<string, EventLogsource>();

function logsourceOf(fields: Json): EventLogsource {
  const channel = typeof fields['Channel'] === 'string' ? fields['Channel'] : '';
  const provider = typeof fields['Provider_Name'] === 'string' ? fields['Provider_Name'] : '';
  const key = `${channel}\u0000${provider}\u0000${String(fields['EventID'])}`;
  let logsource = logsourceCache.get(key);
  if (!logsource) {
    logsource = Object.freeze(deriveLogsource(fields));
    if (logsourceCache.size < 10_000) logsourceCache.set(key, logsource);
  }
  return logsource;
}

function deriveLogsource(fields: Json): EventLogsource {
  const channel = typeof fields['Channel'] === 'string' ? fields['Channel'] : '';
  const provider = typeof fields['Provider_Name'] === 'string' ? fields['Provider_Name'] : '';
  const eventId = typeof fields['EventID'] === 'number' ? fields['EventID'] : -1;
  const service = SERVICE_BY_CHANNEL[channel];
  const categories: string[] = [];
  if (channel === SYSMON_CHANNEL || provider === SYSMON_PROVIDER) {
    categories.push(...(CATEGORIES_BY_SYSMON_EVENT[eventId] ?? []));
  } else if (service === 'powershell' || service === 'powershell-classic') {
    const category = POWERSHELL_CATEGORIES[eventId];
    if (category) categories.push(category);
  }
  const services = service ? [service] : channel === '' && provider === SYSMON_PROVIDER ? ['sysmon'] : [];
  return { product: 'windows', categories, services };
}

/** Host, channel and record number identify a Windows event; otherwise a hash of its content does. */
function eventIdentity(fields: Json): string {
  const { Computer: host, Channel: channel, EventRecordID: record } = fields;
  if (host !== undefined && channel !== undefined && record !== undefined) return `${String(host)}/${String(channel)}/${String(record)}`;
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
}

function attributes(node: unknown): Json {
  return isObject(node) && isObject(node['#attributes']) ? node['#attributes'] : {};
}

/** The value of an XML element: its `#text` when it has attributes, else itself. */
function textOf(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const element = node as Json;
  if ('#text' in element) return element['#text'];
  return Object.keys(element).length === 1 && '#attributes' in element ? null : element;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
