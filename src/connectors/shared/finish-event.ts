import type { EventLogsource } from '../../core/event';
import type { EcsDocument, NormalizedEvent } from '../../core/normalized-event';
import type { NormalizeContext } from '../connector-type';
import { setField } from './document-paths';

export interface EventParts {
  connector: string;
  /** `event.module` / `event.dataset` as Elastic's integrations name them (e.g. `aws`, `aws.cloudtrail`). */
  module: string;
  dataset: string;
  id: string;
  key: string;
  timestamp: string;
  logsource: EventLogsource;
  document: EcsDocument;
  /** The vendor record, for `event.original` when the raw text is not known. */
  record: unknown;
}

/**
 * Completes a connector's document with the fields every event has: `@timestamp`, `event.id`,
 * `event.module`/`dataset`, `event.ingested`, the size-capped `event.original`, and `tripline.*` (the
 * connector, log source and entity key, so the document alone is enough to route it downstream).
 */
export function finishEvent(parts: EventParts, context: NormalizeContext): NormalizedEvent {
  const document = parts.document;
  document['@timestamp'] = parts.timestamp;
  setField(document, 'event.id', parts.id);
  setField(document, 'event.module', parts.module);
  setField(document, 'event.dataset', parts.dataset);
  setField(document, 'event.ingested', context.receivedAt);
  const original = context.originalText ?? JSON.stringify(parts.record);
  const capped = capUtf8(original, context.maxOriginalBytes);
  setField(document, 'event.original', capped);
  if (capped.length < original.length) setField(document, 'event.original_truncated', true);
  const existing = document['tripline'];
  document['tripline'] = {
    // Connectors may have put their own tripline.* facts (e.g. tripline.api_key) in already.
    ...(typeof existing === 'object' && existing !== null ? existing : {}),
    connector: parts.connector,
    entity_key: parts.key,
    logsource: {
      ...(parts.logsource.product !== undefined ? { product: parts.logsource.product } : {}),
      category: [...parts.logsource.categories],
      service: [...parts.logsource.services],
    },
  };
  return {
    connector: parts.connector,
    id: parts.id,
    key: parts.key,
    timestamp: parts.timestamp,
    logsource: parts.logsource,
    document,
  };
}

/** Cuts text to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function capUtf8(text: string, maxBytes: number): string {
  if (text.length * 3 <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
