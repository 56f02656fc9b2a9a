/**
 * Where alerts (and optionally events) are stored: Elasticsearch in production, the console and an
 * NDJSON file in embedded mode. Writes are idempotent by id: writing the same id twice keeps one copy.
 */
export interface SinkDocument {
  id: string;
  body: Record<string, unknown>;
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
