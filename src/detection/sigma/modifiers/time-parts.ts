import { DateTime } from 'luxon';
import type { TimePart } from './values';

/**
 * Extracts a calendar part from a field holding a date: ISO-8601, `YYYY-MM-DD HH:MM:SS[.fff]` (as
 * Sysmon writes UtcTime), or epoch seconds/milliseconds. Parts are read in the zone the date was written
 * in (UTC when it names none): the specification leaves time zone conversion out on purpose.
 */
export function timePart(value: unknown, part: TimePart): number | undefined {
  const date = toDateTime(value);
  if (!date) return undefined;
  switch (part) {
    case 'minute':
      return date.minute;
    case 'hour':
      return date.hour;
    case 'day':
      return date.day;
    case 'week':
      return date.weekNumber;
    case 'month':
      return date.month;
    case 'year':
      return date.year;
  }
}

function toDateTime(value: unknown): DateTime | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const ms = value > 1e11 ? value : value * 1000;
    return DateTime.fromMillis(ms, { zone: 'utc' });
  }
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const text = value.trim();
  let date = DateTime.fromISO(text, { zone: 'utc', setZone: true });
  if (!date.isValid) date = DateTime.fromSQL(text, { zone: 'utc' });
  return date.isValid ? date : undefined;
}
