import type { ErrorCode } from '../../core/error-codes';
import type { JsonRecord } from '../inputs/json-record-reader';

/** One unit read from an input: a parsed JSON value, or what could not be read and why. */
export type InputRecord =
  | { ok: true; value: unknown; source: string; position: string; text?: string }
  | {
      ok: false;
      source: string;
      position: string;
      code: ErrorCode;
      reason: string;
      payload?: Buffer | string;
    };

/** Adapts the JSON reader's records (files, stdin, HTTP bodies) to input records. */
export function fromJsonRecord(record: JsonRecord): InputRecord {
  const position = `line ${record.line}`;
  if (record.ok) return { ok: true, value: record.value, source: record.source, position };
  const code = /^record exceeds \d+ bytes/.test(record.reason) ? 'record.too_large' : 'record.malformed';
  return {
    ok: false,
    source: record.source,
    position,
    code,
    reason: record.reason,
    payload: record.excerpt,
  };
}
