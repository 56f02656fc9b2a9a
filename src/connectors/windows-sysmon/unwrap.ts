import { isJsonObject } from '../shared/document-paths';

/**
 * Windows events come one per line (evtx_dump, Winlogbeat to Kafka or Logstash), as JSON arrays
 * (exports of several events), or as Elasticsearch search results (`hits.hits[]._source`, or a single
 * hit with `_source`) when replayed from an index.
 */
export function unwrapWindowsEvents(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(unwrapWindowsEvents);
  if (!isJsonObject(value)) return [value];
  const hits = value['hits'];
  if (isJsonObject(hits) && Array.isArray(hits['hits'])) return hits['hits'].flatMap(unwrapWindowsEvents);
  const source = value['_source'];
  if (isJsonObject(source) && typeof value['_index'] === 'string') return [source];
  return [value];
}
