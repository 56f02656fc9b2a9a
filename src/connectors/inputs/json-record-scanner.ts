/** A record read from the byte stream, or why a stretch of input is not one. */
export type ScannedRecord =
  { ok: true; line: number; value: unknown } | { ok: false; line: number; reason: string; excerpt: string };

const EXCERPT_CHARS = 200;
/** Enough bytes for EXCERPT_CHARS characters of UTF-8. */
const EXCERPT_BYTES = EXCERPT_CHARS * 4;

const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Looking for the next record. */
const BETWEEN = 0;
/** Inside a record that starts with `{` or `[`: strings and nesting are tracked until it closes. */
const DOCUMENT = 1;
/** Inside a record that starts otherwise (a scalar, or junk): it ends with its line (or array element). */
const SCALAR = 2;
/** After a broken document: skipping the rest of it (lines indented deeper than it, and its closing line). */
const RESYNC = 3;
type State = typeof BETWEEN | typeof DOCUMENT | typeof SCALAR | typeof RESYNC;

/** Why scanDocument stopped. */
const CHUNK_ENDS = 0;
const CLOSED = 1;
const LINE_BREAK_IN_STRING = 2;
const NEW_RECORD_STARTS = 3;
type DocumentStop =
  typeof CHUNK_ENDS | typeof CLOSED | typeof LINE_BREAK_IN_STRING | typeof NEW_RECORD_STARTS;

/**
 * Cuts JSON text into records and parses each once with JSON.parse: NDJSON, pretty-printed documents
 * one after another, and the elements of top-level arrays. Works on UTF-8 bytes (no byte of a
 * multi-byte character is ASCII, so structure can be found byte by byte), keeps its state across
 * chunks, and holds at most one record, up to the size limit, at a time.
 *
 * A document that never closes is noticed when a line opens a value (`{` or `[` first on the line) at
 * the same or lesser indentation than the open document's first line: pretty printers indent nested
 * values, so that line is the next record and the open one was cut short. A raw line break inside a
 * string (never valid JSON) also ends a document as broken.
 */
export class JsonRecordScanner {
  private state: State = BETWEEN;
  private line = 1;
  /** Nothing but whitespace seen yet on the current line, and how much of it. */
  private atLineHead = true;
  private indent = 0;
  /** Inside a top-level array: each element is a record. */
  private inArray = false;

  // The open record.
  private depth = 0;
  private inString = false;
  private escaped = false;
  private recordLine = 1;
  private recordIndent = 0;
  /** The open record's bytes from earlier chunks (copies: a producer may reuse its buffers). */
  private pieces: Buffer[] = [];
  private pieceBytes = 0;
  /** Set once the open record is over the limit: from then on only its first bytes are kept. */
  private oversizedHead: Buffer | undefined;
  /** Where scanDocument stopped. */
  private cursor = 0;

  constructor(private readonly maxRecordBytes: number) {}

  /** Scans one chunk and returns the records it completes. */
  push(chunk: Buffer): ScannedRecord[] {
    const out: ScannedRecord[] = [];
    const n = chunk.length;
    let start = this.state === DOCUMENT || this.state === SCALAR ? 0 : -1;
    let i = 0;
    while (i < n) {
      if (this.state === DOCUMENT) {
        const stop = this.scanDocument(chunk, i);
        const at = this.cursor;
        if (stop === CHUNK_ENDS) break;
        if (stop === CLOSED) {
          out.push(this.finish(chunk, start, at));
          this.state = BETWEEN;
        } else if (stop === LINE_BREAK_IN_STRING) {
          out.push(
            this.fail(
              chunk,
              start,
              at,
              'a line ends inside a string: the record is cut short or is not JSON',
            ),
          );
          this.state = RESYNC; // the line break itself is read in RESYNC
        } else {
          out.push(
            this.fail(
              chunk,
              start,
              at,
              `incomplete JSON: a new record starts on line ${this.line} before this one closes`,
            ),
          );
          this.begin(DOCUMENT);
          start = at;
          i = at + 1;
          continue;
        }
        i = at;
        continue;
      }
      if (this.state === SCALAR) {
        const end = this.scanScalar(chunk, i);
        if (end === n) break;
        out.push(this.finish(chunk, start, end));
        this.state = BETWEEN;
        i = end; // the line break or separator is read in BETWEEN
        continue;
      }

      const b = chunk[i] as number;
      if (b === LF) {
        this.line++;
        this.atLineHead = true;
        this.indent = 0;
        i++;
        continue;
      }
      if (b === SPACE || b === TAB || b === CR) {
        if (this.atLineHead) this.indent++;
        i++;
        continue;
      }
      const lineHead = this.atLineHead;
      this.atLineHead = false;
      if (this.state === RESYNC) {
        // The first line back at the broken document's indentation ends the skip, unless it only closes
        // the broken document.
        const resumes =
          lineHead && this.indent <= this.recordIndent && b !== CLOSE_BRACE && b !== CLOSE_BRACKET;
        if (!resumes) {
          i++;
          continue;
        }
        this.state = BETWEEN;
      }
      if (this.inArray && b === COMMA) {
        i++;
      } else if (this.inArray && b === CLOSE_BRACKET) {
        this.inArray = false;
        i++;
      } else if (!this.inArray && b === OPEN_BRACKET) {
        this.inArray = true;
        i++;
      } else if (b === OPEN_BRACE && lineHead && !this.inArray && this.tryWholeLine(chunk, i, out)) {
        i = this.cursor; // the line break is read in BETWEEN
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) {
        this.begin(DOCUMENT);
        start = i;
        i++;
      } else {
        this.begin(SCALAR);
        start = i;
      }
    }
    if (start >= 0 && (this.state === DOCUMENT || this.state === SCALAR)) this.keep(chunk, start);
    return out;
  }

  /** Call at the end of the input: reports the record left open, if any. */
  end(): ScannedRecord[] {
    const empty = Buffer.alloc(0);
    const state = this.state;
    this.state = BETWEEN;
    if (state === DOCUMENT)
      return [this.fail(empty, 0, 0, 'incomplete JSON: the input ends before the record closes')];
    if (state === SCALAR) return [this.finish(empty, 0, 0)];
    return [];
  }

  /**
   * The hot loop: runs through a document from `from`, with the state in locals, until it closes, turns
   * out broken, or the chunk ends. Leaves the stopping index in `cursor`.
   */
  private scanDocument(chunk: Buffer, from: number): DocumentStop {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let line = this.line;
    let atLineHead = this.atLineHead;
    let indent = this.indent;
    const recordIndent = this.recordIndent;
    const n = chunk.length;
    let stop: DocumentStop = CHUNK_ENDS;
    let i = from;
    while (i < n) {
      let b = chunk[i] as number;
      if (inString) {
        // Most bytes are inside strings: run to the closing quote in a tight loop. An escape skips the
        // next byte, unless that is a line break (never valid; it must still end the line).
        if (escaped) {
          escaped = false;
          if (b !== LF) i++;
        }
        while (i < n) {
          b = chunk[i] as number;
          if (b === QUOTE || b === LF) break;
          i += b === BACKSLASH && chunk[i + 1] !== LF ? 2 : 1;
        }
        if (i >= n) {
          escaped = i > n; // the chunk ended on a backslash
          i = n;
          break;
        }
        if (b === LF) {
          stop = LINE_BREAK_IN_STRING;
          break;
        }
        inString = false;
        i++;
        continue;
      }
      if (b === QUOTE) {
        inString = true;
        atLineHead = false;
      } else if (b === LF) {
        line++;
        atLineHead = true;
        indent = 0;
      } else if (atLineHead && (b === SPACE || b === TAB || b === CR)) {
        indent++;
      } else {
        if (atLineHead) {
          atLineHead = false;
          if ((b === OPEN_BRACE || b === OPEN_BRACKET) && indent <= recordIndent) {
            stop = NEW_RECORD_STARTS;
            break;
          }
        }
        if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
        else if ((b === CLOSE_BRACE || b === CLOSE_BRACKET) && --depth === 0) {
          stop = CLOSED;
          i++;
          break;
        }
      }
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.line = line;
    this.atLineHead = atLineHead;
    this.indent = indent;
    this.cursor = i;
    return stop;
  }

  /**
   * The NDJSON fast path: a line that starts with `{` and ends with `}` is parsed whole, without the
   * byte scan. A valid JSON object spanning the whole line is exactly the record the scan would cut;
   * if it does not parse (a pretty-printed first line, two records on a line, a malformed record),
   * the scan takes over and reports any error. Leaves the line's end in `cursor`.
   */
  private tryWholeLine(chunk: Buffer, from: number, out: ScannedRecord[]): boolean {
    const lf = chunk.indexOf(LF, from);
    if (lf < 0 || lf - from > this.maxRecordBytes) return false;
    let last = lf - 1;
    while (last > from && (chunk[last] === CR || chunk[last] === SPACE || chunk[last] === TAB)) last--;
    if (chunk[last] !== CLOSE_BRACE) return false;
    let value: unknown;
    try {
      value = JSON.parse(chunk.toString('utf8', from, last + 1));
    } catch {
      return false;
    }
    out.push({ ok: true, line: this.line, value });
    this.cursor = lf;
    return true;
  }

  /** Finds where a scalar record ends: its line break, or in an array the next `,` or `]` outside a string. */
  private scanScalar(chunk: Buffer, from: number): number {
    const n = chunk.length;
    for (let i = from; i < n; i++) {
      const b = chunk[i] as number;
      if (b === LF) return i;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
      } else if (b === QUOTE) this.inString = true;
      else if (this.inArray && (b === COMMA || b === CLOSE_BRACKET)) return i;
    }
    return n;
  }

  private begin(state: typeof DOCUMENT | typeof SCALAR): void {
    this.state = state;
    this.depth = state === DOCUMENT ? 1 : 0;
    this.inString = false;
    this.escaped = false;
    this.recordLine = this.line;
    this.recordIndent = this.indent;
    this.pieces = [];
    this.pieceBytes = 0;
    this.oversizedHead = undefined;
  }

  /** Keeps the open record's part of a chunk that ends before the record does. */
  private keep(chunk: Buffer, start: number): void {
    if (this.oversizedHead) return;
    const part = chunk.subarray(start);
    if (this.pieceBytes + part.length > this.maxRecordBytes) {
      this.oversizedHead = Buffer.concat(
        [...this.pieces, part],
        Math.min(EXCERPT_BYTES, this.pieceBytes + part.length),
      );
      this.pieces = [];
      return;
    }
    this.pieces.push(Buffer.from(part));
    this.pieceBytes += part.length;
  }

  /** The open record's bytes (earlier pieces plus chunk[start, end)), cut to `limit` bytes if given. */
  private bytesOf(chunk: Buffer, start: number, end: number, limit?: number): Buffer {
    const part = chunk.subarray(start, end);
    if (this.pieces.length === 0) return limit === undefined ? part : part.subarray(0, limit);
    const total = this.pieceBytes + part.length;
    return Buffer.concat([...this.pieces, part], limit === undefined ? total : Math.min(limit, total));
  }

  private finish(chunk: Buffer, start: number, end: number): ScannedRecord {
    const line = this.recordLine;
    if (this.oversizedHead || this.pieceBytes + (end - start) > this.maxRecordBytes) {
      return this.fail(chunk, start, end, `record exceeds ${this.maxRecordBytes} bytes`);
    }
    const text =
      this.pieces.length === 0
        ? chunk.toString('utf8', start, end)
        : this.bytesOf(chunk, start, end).toString('utf8');
    this.pieces = [];
    this.pieceBytes = 0;
    try {
      return { ok: true, line, value: JSON.parse(text) };
    } catch (error) {
      return {
        ok: false,
        line,
        reason: error instanceof Error ? error.message : String(error),
        excerpt: excerptOf(text),
      };
    }
  }

  private fail(chunk: Buffer, start: number, end: number, reason: string): ScannedRecord {
    const head = this.oversizedHead ?? this.bytesOf(chunk, start, end, EXCERPT_BYTES);
    this.pieces = [];
    this.pieceBytes = 0;
    this.oversizedHead = undefined;
    return { ok: false, line: this.recordLine, reason, excerpt: excerptOf(head.toString('utf8')) };
  }
}

/** The start of a record's text for a report: at most EXCERPT_CHARS characters, control characters shown as `?`. */
export function excerptOf(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.slice(0, EXCERPT_CHARS).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '?');
}
