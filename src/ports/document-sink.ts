/**
 * Where alerts (and optionally events) are stored: Elasticsearch in production, the console and an
 * NDJSON file in embedded mode. Writes are idempotent by id: writing the same id twice keeps one copy.
 */
export interface SinkDocument {
  id: string;
  /**
   * The document as the UTF-8 text of one JSON object, on one line (without `_id`): stages write it once,
   * and the stores take it as is (a bulk request or an NDJSON file is made of such lines). Bytes rather
   * than a string: documents wait for the store's answer outside the JavaScript heap, where the garbage
   * collector does not copy them, and a request is put together by copying bytes.
   */
  json: Buffer;
}

/**
 * The outcome of one document: stored now, already stored (the same id was written before: a
 * redelivery), worth retrying (overload, outage), or rejected for good (mapping or validation error),
 * which sends it to the dead-letter topic.
 */
export type SinkItemResult =
  | { id: string; status: 'created' | 'duplicate' }
  | { id: string; status: 'retry' | 'rejected'; reason: string };

export interface DocumentSink {
  /** Human name for logs (`elasticsearch logs-tripline.alerts-default`, `file alerts.ndjson`). */
  readonly name: string;
  /** Writes documents; resolves with one result per document. Throws only when nothing could be sent. */
  write(documents: readonly SinkDocument[]): Promise<SinkItemResult[]>;
  close(): Promise<void>;
}

/** A document as one NDJSON line: its JSON object with `_id` first, as Elasticsearch shows a hit. */
export function documentLine(document: SinkDocument): string {
  const rest = document.json.toString('utf8').trimStart().slice(1).trimStart();
  return `{"_id":${JSON.stringify(document.id)}${rest.startsWith('}') ? '' : ','}${rest}`;
}
