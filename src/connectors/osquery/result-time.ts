import { toIsoTimestamp } from '../shared/timestamps';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The time of a result row: the event's own `time` column for evented tables (process_events,
 * socket_events), else when the query ran (`unixTime`, else `calendarTime`).
 */
export function resultTime(
  record: Record<string, unknown>,
  columns: Record<string, unknown>,
): string | undefined {
  const eventTime = columns['time'];
  if (eventTime !== undefined && String(eventTime) !== '0') {
    const iso = toIsoTimestamp(eventTime);
    if (iso) return iso;
  }
  return toIsoTimestamp(record['unixTime']) ?? calendarTime(record['calendarTime']);
}

/** `Thu Dec 28 14:40:08 2017 UTC`, as osquery writes calendarTime. */
function calendarTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\w{3} (\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4}) UTC$/.exec(value.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1] as string);
  if (month < 0) return undefined;
  const millis = Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return toIsoTimestamp(millis);
}
