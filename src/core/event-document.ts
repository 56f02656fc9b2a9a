import type { EventLogsource } from './event';
import type { EcsDocument, NormalizedEvent } from './normalized-event';

/**
 * Reads back a normalized event from its document as it travels on the events topic: the routing facts
 * are inside it (`tripline.connector`, `tripline.logsource`, `tripline.entity_key`, `event.id`,
 * `@timestamp`). Returns the reason when the document is not a tripline event.
 */
export function eventFromDocument(document: unknown): NormalizedEvent | string {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return 'the message is not a JSON object';
  }
  const doc = document as EcsDocument;
  const tripline = doc['tripline'] as Record<string, unknown> | undefined;
  const event = doc['event'] as Record<string, unknown> | undefined;
  const connector = tripline?.['connector'];
  const id = event?.['id'];
  const timestamp = doc['@timestamp'];
  if (typeof connector !== 'string') return 'tripline.connector is missing';
  if (typeof id !== 'string') return 'event.id is missing';
  if (typeof timestamp !== 'string') return '@timestamp is missing';
  const logsource = readLogsource(tripline?.['logsource']);
  if (!logsource) return 'tripline.logsource is missing or malformed';
  const key = tripline?.['entity_key'];
  return {
    connector,
    id,
    key: typeof key === 'string' ? key : id,
    timestamp,
    logsource,
    document: doc,
  };
}

function readLogsource(value: unknown): EventLogsource | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const ls = value as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  const categories = strings(ls['category'] ?? []);
  const services = strings(ls['service'] ?? []);
  if (!categories || !services) return undefined;
  const product = ls['product'];
  return { ...(typeof product === 'string' ? { product } : {}), categories, services };
}
