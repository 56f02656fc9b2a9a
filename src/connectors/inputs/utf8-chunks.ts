import { TextDecoder } from 'node:util';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * Turns input chunks into UTF-8 bytes: strings are encoded, a UTF-8 byte order mark is dropped, and
 * UTF-16 text marked by its BOM is transcoded (Windows PowerShell 5 writes UTF-16LE when output is
 * redirected to a file, a common way Windows events reach us).
 */
export async function* utf8Chunks(input: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  // The first bytes are held until there are enough to recognise a BOM (chunks can be 1 byte long).
  let head: Buffer | undefined = Buffer.alloc(0);
  let utf16: TextDecoder | undefined;
  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (head) {
      head = Buffer.concat([head, bytes]);
      if (head.length < UTF8_BOM.length) continue;
      ({ rest: bytes, utf16 } = readBom(head));
      head = undefined;
    }
    if (utf16) bytes = Buffer.from(utf16.decode(bytes, { stream: true }), 'utf8');
    if (bytes.length > 0) yield bytes;
  }
  if (head) {
    ({ rest: head, utf16 } = readBom(head));
    if (utf16) head = Buffer.from(utf16.decode(head, { stream: true }), 'utf8');
    if (head.length > 0) yield head;
  }
  if (utf16) {
    const tail = utf16.decode();
    if (tail.length > 0) yield Buffer.from(tail, 'utf8');
  }
}

function readBom(head: Buffer): { rest: Buffer; utf16: TextDecoder | undefined } {
  if (head[0] === UTF8_BOM[0] && head[1] === UTF8_BOM[1] && head[2] === UTF8_BOM[2]) {
    return { rest: head.subarray(3), utf16: undefined };
  }
  if (head[0] === 0xff && head[1] === 0xfe)
    return { rest: head.subarray(2), utf16: new TextDecoder('utf-16le') };
  if (head[0] === 0xfe && head[1] === 0xff)
    return { rest: head.subarray(2), utf16: new TextDecoder('utf-16be') };
  return { rest: head, utf16: undefined };
}
