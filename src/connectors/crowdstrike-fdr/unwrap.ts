/**
 * FDR delivers gzip files of JSON lines to S3 (announced on SQS): every line is one event, which the input
 * reader already splits. Arrays of events (replays, API exports) are split here.
 */
export function unwrapFdrEvents(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(unwrapFdrEvents) : [value];
}

/** An FDR event: an `event_simpleName`, the sensor (`aid`) or customer (`cid`), and a time. */
export function isFdrEvent(record: Record<string, unknown>): boolean {
  return (
    typeof record['event_simpleName'] === 'string' &&
    (typeof record['aid'] === 'string' || typeof record['cid'] === 'string') &&
    ('timestamp' in record || 'ContextTimeStamp' in record)
  );
}
