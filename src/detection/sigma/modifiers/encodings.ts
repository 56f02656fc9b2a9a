/** Byte encodings of the `utf16*`, `wide`, `base64` and `base64offset` modifiers. */

export function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

export function utf16be(text: string): Buffer {
  const le = utf16le(text);
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return be;
}

/** UTF-16 with a little-endian byte order mark, as Windows writes it. */
export function utf16WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(text)]);
}

export function base64(data: Buffer): string {
  return data.toString('base64');
}

/**
 * The three forms `data` takes inside a longer base64 text, one per alignment (0, 1 or 2 bytes
 * before it). Characters that depend on the unknown neighbouring bytes are cut off both ends.
 */
export function base64Offsets(data: Buffer): string[] {
  const startCut = [0, 2, 3];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), data]).toString('base64');
    const endCut = [0, 3, 2][(data.length + shift) % 3] as number;
    out.push(encoded.slice(startCut[shift], encoded.length - endCut));
  }
  return out;
}
