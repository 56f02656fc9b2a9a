/** A record that could not be processed, as written to `tripline.deadletter`. Nothing is dropped silently. */
export interface DeadLetter {
  /** The stage that gave up on the record. */
  stage: 'connector' | 'detector' | 'sink';
  /** Stable reason code from the error catalogue (e.g. `record.malformed_json`). */
  code: string;
  /** What went wrong, for people. */
  reason: string;
  /** Where the record came from: a file path, `stdin`, `http`, or `kafka:<topic>`. */
  source: string;
  /** Where in the source: `line 12`, `offset 3041/partition 2`, `request 7f3a…`. */
  position: string;
  /** The connector type involved, when one was chosen. */
  connector?: string;
  /** When the record was given up on (ISO-8601). */
  at: string;
  /** The start of the record: text when it is text, base64 when it is binary. */
  payload: { excerpt: string; encoding: 'utf8' | 'base64'; bytes: number; truncated: boolean };
}

/** The most of a bad record kept in its dead letter (the rest is counted, not kept). */
export const DEAD_LETTER_EXCERPT_BYTES = 16 * 1024;

/** Builds the payload excerpt of a dead letter from whatever the bad record was. */
export function deadLetterPayload(record: Buffer | string | undefined): DeadLetter['payload'] {
  if (record === undefined) return { excerpt: '', encoding: 'utf8', bytes: 0, truncated: false };
  const bytes = Buffer.isBuffer(record) ? record : Buffer.from(record, 'utf8');
  const head = bytes.subarray(0, DEAD_LETTER_EXCERPT_BYTES);
  const truncated = bytes.length > head.length;
  if (isText(head)) {
    return { excerpt: head.toString('utf8'), encoding: 'utf8', bytes: bytes.length, truncated };
  }
  return { excerpt: head.toString('base64'), encoding: 'base64', bytes: bytes.length, truncated };
}

/** Text is valid UTF-8 (a character cut at the end is fine) without control bytes other than whitespace. */
function isText(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return false;
  }
  const decoded = bytes.toString('utf8');
  const replacement = decoded.indexOf('\uFFFD');
  return replacement === -1 || replacement >= decoded.length - 1;
}
