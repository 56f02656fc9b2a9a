/**
 * Reads an event time as vendors write it: ISO-8601 strings (with or without zone, `Z` assumed), and
 * epoch numbers in seconds, milliseconds or microseconds (told apart by magnitude). Returns ISO-8601 UTC
 * with milliseconds, or undefined when the value is not a plausible time (before 1990 or after 2200).
 */
export function toIsoTimestamp(value: unknown): string | undefined {
  let millis: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    millis = epochToMillis(value);
  } else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) millis = epochToMillis(Number(text));
    else millis = Date.parse(hasZone(text) ? text : `${text.replace(' ', 'T')}Z`);
  }
  if (millis === undefined || !Number.isFinite(millis)) return undefined;
  if (millis < EARLIEST || millis > LATEST) return undefined;
  return new Date(millis).toISOString();
}

const EARLIEST = Date.UTC(1990, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function epochToMillis(value: number): number {
  if (value > 1e14) return value / 1000; // microseconds
  if (value > 1e11) return value; // milliseconds
  return value * 1000; // seconds
}

function hasZone(text: string): boolean {
  return /(Z|[+-]\d{2}:?\d{2})$/i.test(text) || !/\d{2}:\d{2}/.test(text);
}

/** The reason a record is rejected for its time field: missing, or present but not a time. */
export function badTimeReason(field: string, value: unknown): string {
  return value === undefined || value === null || value === ''
    ? `${field} is missing`
    : `${field} is not a time: ${JSON.stringify(value)}`;
}
