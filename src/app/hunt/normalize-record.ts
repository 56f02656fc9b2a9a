import { createHash } from 'node:crypto';
import type { DetectionEvent, EventLogsource } from '../../core/event';
import { normalizeEvtxJson } from '../../connectors/windows-evtx-json/normalize';

export type NormalizeResult = { ok: true; event: DetectionEvent } | { ok: false; reason: string };

/**
 * Chooses how to read one hunted record: Windows events (EVTX as JSON, or flat with EventID and Channel)
 * get Sigma's Windows field names and log source; CloudTrail records get the aws/cloudtrail log source;
 * any other JSON object is taken as it is, with the log source given on the command line.
 */
export function normalizeHuntRecord(
  value: unknown,
  fallbackLogsource: EventLogsource | undefined,
): NormalizeResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'a record must be a JSON object' };
  }
  const record = value as Record<string, unknown>;
  if ('Event' in record || ('EventID' in record && 'Channel' in record)) return normalizeEvtxJson(record);
  if (isCloudTrailRecord(record)) {
    return {
      ok: true,
      event: {
        fields: record,
        logsource: { product: 'aws', categories: [], services: ['cloudtrail'] },
        id: typeof record['eventID'] === 'string' ? record['eventID'] : contentId(record),
        timestamp: typeof record['eventTime'] === 'string' ? record['eventTime'] : undefined,
      },
    };
  }
  return {
    ok: true,
    event: {
      fields: record,
      logsource: fallbackLogsource ?? { categories: [], services: [] },
      id: contentId(record),
      timestamp: typeof record['@timestamp'] === 'string' ? record['@timestamp'] : undefined,
    },
  };
}

function isCloudTrailRecord(record: Record<string, unknown>): boolean {
  return (
    typeof record['eventSource'] === 'string' &&
    typeof record['eventName'] === 'string' &&
    'awsRegion' in record
  );
}

function contentId(record: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 32);
}

/** Parses `product=windows,category=process_creation,service=sysmon` (categories/services may repeat). */
export function parseLogsourceOption(text: string): EventLogsource {
  const logsource: { product?: string; categories: string[]; services: string[] } = {
    categories: [],
    services: [],
  };
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((s) => s.trim().toLowerCase());
    if (!key || !value) throw new Error(`--logsource: '${part}' is not key=value`);
    if (key === 'product') logsource.product = value;
    else if (key === 'category') logsource.categories.push(value);
    else if (key === 'service') logsource.services.push(value);
    else throw new Error(`--logsource: unknown key '${key}' (use product, category or service)`);
  }
  return logsource;
}
