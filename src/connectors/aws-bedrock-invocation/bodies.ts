import { createHash } from 'node:crypto';
import type { JsonObject } from '../connector-type';
import { isJsonObject } from '../shared/document-paths';
import { capUtf8 } from '../shared/finish-event';

/** Each request/response body is kept (in the raw record and in gen_ai.prompt/completion) up to 8 KB. */
export const BODY_TEXT_LIMIT = 8192;

export interface BodyText {
  /** The body as JSON text, cut to {@link BODY_TEXT_LIMIT} bytes. */
  text: string;
  /** Length of the whole JSON text (characters), Elastic's `gen_ai.performance.request_size`/`response_size`. */
  length: number;
  /** SHA-256 of the whole text, when it was cut. */
  hash?: string;
}

export function bodyText(body: unknown): BodyText | undefined {
  if (body === undefined || body === null) return undefined;
  const full = typeof body === 'string' ? body : JSON.stringify(body);
  const text = capUtf8(full, BODY_TEXT_LIMIT);
  return text.length < full.length
    ? { text, length: full.length, hash: createHash('sha256').update(full).digest('hex') }
    : { text, length: full.length };
}

/**
 * The record to keep under `aws_bedrock.invocation.raw`: as it came, except that an input or output body
 * longer than 8 KB as JSON text is replaced by that text cut to 8 KB (a string where the vendor has an
 * object), so one large prompt cannot blow up the document.
 */
export function rawWithCappedBodies(
  record: JsonObject,
  input: BodyText | undefined,
  output: BodyText | undefined,
): JsonObject {
  let raw = record;
  if (input?.hash && isJsonObject(record['input'])) {
    raw = { ...raw, input: { ...record['input'], inputBodyJson: input.text } };
  }
  if (output?.hash && isJsonObject(record['output'])) {
    raw = { ...raw, output: { ...record['output'], outputBodyJson: output.text } };
  }
  return raw;
}
