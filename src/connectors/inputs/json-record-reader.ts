import { JsonRecordScanner, type ScannedRecord } from './json-record-scanner';
import { utf8Chunks } from './utf8-chunks';

/** One record of a JSON input, or why a stretch of the input could not be read as one. `line` is 1-based. */
export type JsonRecord =
  | { ok: true; value: unknown; source: string; line: number }
  | { ok: false; source: string; line: number; reason: string; excerpt: string };

export interface JsonRecordOptions {
  /** Name of the input, carried into every record (a path, `stdin`). */
  source: string;
  /** Largest record accepted; a larger one is reported and skipped without being held whole. @defaultValue 1 MiB */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/**
 * Streams the records of a JSON input: NDJSON, pretty-printed documents one after another, and
 * top-level arrays (each element is a record, at the line where it starts). A UTF-8 BOM is skipped.
 * Records are cut by a byte scanner and parsed once each with JSON.parse; a malformed record is
 * reported (JSON.parse's message, the line where it starts) and reading goes on with the next one.
 */
export async function* readJsonRecords(
  input: AsyncIterable<Buffer | string>,
  options: JsonRecordOptions,
): AsyncGenerator<JsonRecord> {
  const { source } = options;
  const scanner = new JsonRecordScanner(options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES);
  for await (const chunk of utf8Chunks(input)) {
    for (const scanned of scanner.push(chunk)) yield toRecord(scanned, source);
  }
  for (const scanned of scanner.end()) yield toRecord(scanned, source);
}

function toRecord(scanned: ScannedRecord, source: string): JsonRecord {
  return scanned.ok
    ? { ok: true, value: scanned.value, source, line: scanned.line }
    : { ok: false, source, line: scanned.line, reason: scanned.reason, excerpt: scanned.excerpt };
}
