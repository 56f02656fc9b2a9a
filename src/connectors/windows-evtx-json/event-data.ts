import { attributesOf, isMarkupKey, isObject, textOf, type JsonObject } from './xml-json';

/**
 * Copies EventData into flat fields. It comes either as a map of names to values, or as a `Data` list
 * of `{#attributes: {Name}, #text}` entries (named data become fields of that name; unnamed data, as in
 * classic PowerShell events, become the field `Data`, a list when there are several).
 */
export function readEventData(eventData: unknown, out: JsonObject): void {
  if (!isObject(eventData)) return;
  for (const key in eventData) {
    if (isMarkupKey(key)) continue;
    if (key === 'Data') readDataList(eventData[key], out);
    else setField(out, key, valueOf(eventData[key]));
  }
}

/** {@link plainEventData}: EventData that readEventData would not copy key for key. */
export const NOT_PLAIN = 0;
/** {@link plainEventData}: a plain map, with none of the names in `reserved`. */
export const PLAIN = 1;
/** {@link plainEventData}: a plain map holding some of the names in `reserved`. */
export const PLAIN_WITH_RESERVED = 2;

/**
 * Whether readEventData would copy this EventData key for key, unchanged, so that a spread copy of it
 * gives the same fields in the same order: a plain object (as JSON.parse makes) of plain fields, that
 * is no markup, no `Data` list, no name with a space, no `__proto__`, no element or undefined value.
 * Also tells whether it holds any of the `reserved` names.
 */
export function plainEventData(eventData: unknown, reserved: ReadonlySet<string>): number {
  if (!isObject(eventData) || Object.getPrototypeOf(eventData) !== Object.prototype) return NOT_PLAIN;
  let kind = PLAIN;
  for (const key in eventData) {
    if (isMarkupKey(key) || key === 'Data' || key === '__proto__' || key.includes(' ')) return NOT_PLAIN;
    const value = eventData[key];
    if (value === undefined || isObject(value)) return NOT_PLAIN;
    if (reserved.has(key)) kind = PLAIN_WITH_RESERVED;
  }
  // A spread also copies symbol keys, which for-in skips (JSON has none).
  return Object.getOwnPropertySymbols(eventData).length === 0 ? kind : NOT_PLAIN;
}

/** Copies UserData's fields: it holds one provider-specific element whose children are the fields. */
export function readUserData(userData: unknown, out: JsonObject): void {
  if (!isObject(userData)) return;
  for (const key in userData) {
    if (isMarkupKey(key)) continue;
    const inner = userData[key];
    if (!isObject(inner)) {
      setField(out, key, valueOf(inner));
      continue;
    }
    for (const field in inner) if (!isMarkupKey(field)) setField(out, field, valueOf(inner[field]));
  }
}

function readDataList(data: unknown, out: JsonObject): void {
  const unnamed: unknown[] = [];
  for (const item of Array.isArray(data) ? data : [data]) {
    const name = attributesOf(item)['Name'];
    if (typeof name === 'string') setField(out, name, valueOf(item));
    else unnamed.push(valueOf(item));
  }
  if (unnamed.length > 0) setField(out, 'Data', unnamed.length === 1 ? unnamed[0] : unnamed);
}

/** An element's value; an empty element (`<Data Name="X" />`) is the empty string, as Windows shows it. */
function valueOf(node: unknown): unknown {
  const value = textOf(node);
  return value === undefined ? '' : value;
}

/**
 * Sets a field. Names with spaces (Defender writes `Threat Name`, `Source Name`) are also set without
 * them (`ThreatName`), the form Sigma rules use.
 */
function setField(out: JsonObject, name: string, value: unknown): void {
  out[name] = value;
  if (name.includes(' ')) {
    const compact = name.replace(/ /g, '');
    if (!(compact in out)) out[compact] = value;
  }
}
