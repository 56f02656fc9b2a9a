import { Readable } from 'node:stream';
import { readJsonRecords, type JsonRecord } from './json-record-reader';

async function read(
  input: string | Buffer | (string | Buffer)[],
  maxRecordBytes?: number,
): Promise<JsonRecord[]> {
  const chunks = Array.isArray(input) ? input : [input];
  const records: JsonRecord[] = [];
  for await (const record of readJsonRecords(Readable.from(chunks), { source: 'test', maxRecordBytes }))
    records.push(record);
  return records;
}

/** What a test compares: ok records as [line, value], errors as [line, 'error'] (details checked apart). */
function summary(records: JsonRecord[]): [number, unknown][] {
  return records.map((r) => [r.line, r.ok ? r.value : 'error']);
}

/** Splits bytes at the given sizes (the last size repeats). */
function chunksOf(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = sizes[Math.min(k, sizes.length - 1)] as number;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** A small deterministic generator, so a failure can be reproduced. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('readJsonRecords', () => {
  it('reads NDJSON, one record per line', async () => {
    const records = await read('{"a":1}\n{"b":"x"}\n{"c":[1,2]}\n');
    expect(records).toEqual([
      { ok: true, value: { a: 1 }, source: 'test', line: 1 },
      { ok: true, value: { b: 'x' }, source: 'test', line: 2 },
      { ok: true, value: { c: [1, 2] }, source: 'test', line: 3 },
    ]);
  });

  it('reads the last line without a final line break, and skips blank lines', async () => {
    expect(summary(await read('\n\n{"a":1}\n   \n\n{"b":2}'))).toEqual([
      [3, { a: 1 }],
      [6, { b: 2 }],
    ]);
  });

  it('reads pretty-printed documents one after another, whatever separates them', async () => {
    const doc = (n: number): string =>
      JSON.stringify({ n, nested: { list: [{ x: n }], s: '{ not [ a } brace ]' } }, null, 2);
    const text = `${doc(1)}\n${doc(2)}\n\n\t \n${doc(3)}${doc(4)}  ${doc(5)}\n`;
    const records = await read(text);
    expect(records.map((r) => (r.ok ? (r.value as { n: number }).n : 'error'))).toEqual([1, 2, 3, 4, 5]);
    const lines = doc(1).split('\n').length; // 11
    expect(records.map((r) => r.line)).toEqual([1, lines + 1, 2 * lines + 3, 3 * lines + 2, 4 * lines + 1]);
  });

  it('reads each element of a top-level array as a record, at the line where it starts', async () => {
    const text = JSON.stringify([{ a: 1 }, { b: { c: 2 } }, [3, 4], 'five', 6, null], null, 2);
    expect(summary(await read(text))).toEqual([
      [2, { a: 1 }],
      [5, { b: { c: 2 } }],
      [10, [3, 4]],
      [14, 'five'],
      [15, 6],
      [16, null],
    ]);
    expect(summary(await read('[{"a":1},{"b":2}]\n[]\n[{"c":"x,]"}]\n{"d":4}'))).toEqual([
      [1, { a: 1 }],
      [1, { b: 2 }],
      [3, { c: 'x,]' }],
      [4, { d: 4 }],
    ]);
  });

  it('reads CRLF line ends, tabs and other whitespace between records', async () => {
    expect(summary(await read('{"a":1}\r\n\r\n\t{"b":2}\r\n{\r\n  "c": 3\r\n}\r\n'))).toEqual([
      [1, { a: 1 }],
      [3, { b: 2 }],
      [4, { c: 3 }],
    ]);
  });

  it('skips a UTF-8 byte order mark, in bytes or in a string, even split over chunks', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":"é"}\n')]);
    expect(summary(await read(withBom))).toEqual([[1, { a: 'é' }]]);
    expect(summary(await read(chunksOf(withBom, [1])))).toEqual([[1, { a: 'é' }]]);
    expect(summary(await read('\ufeff{"a":1}'))).toEqual([[1, { a: 1 }]]);
  });

  it('transcodes UTF-16 input marked by its byte order mark (PowerShell redirection)', async () => {
    const text = '{"Image":"C:\\\\Windows\\\\é.exe"}\r\n{"b":2}\r\n';
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(summary(await read(chunksOf(utf16le, [3])))).toEqual([
      [1, { Image: 'C:\\Windows\\é.exe' }],
      [2, { b: 2 }],
    ]);
  });

  it('reports a malformed NDJSON line with JSON.parse message and goes on with the next line', async () => {
    const records = await read('{"a":1}\n{"b":2,}\n{"c":3}\nnot json\n{"d":4}\n');
    expect(summary(records)).toEqual([
      [1, { a: 1 }],
      [2, 'error'],
      [3, { c: 3 }],
      [4, 'error'],
      [5, { d: 4 }],
    ]);
    const bad = records[1] as Extract<JsonRecord, { ok: false }>;
    expect(bad.reason).toMatch(/JSON/);
    expect(bad.excerpt).toBe('{"b":2,}');
    expect((records[3] as Extract<JsonRecord, { ok: false }>).excerpt).toBe('not json');
  });

  it('reports an NDJSON line cut short and reads the next line', async () => {
    const records = await read('{"a":1}\n{"b":{"c":2}\n{"d":3}\n{"e":"cut\n{"f":4}\n');
    expect(summary(records)).toEqual([
      [1, { a: 1 }],
      [2, 'error'],
      [3, { d: 3 }],
      [4, 'error'],
      [5, { f: 4 }],
    ]);
    expect(records[1]).toMatchObject({
      reason: expect.stringMatching(/incomplete JSON.*line 3/),
      excerpt: '{"b":{"c":2}\n',
    });
    expect(records[3]).toMatchObject({
      reason: expect.stringMatching(/line ends inside a string/),
      excerpt: '{"e":"cut',
    });
  });

  it('reports a pretty-printed document cut short in the middle and reads the documents after it', async () => {
    const full = JSON.stringify(
      { Event: { System: { EventID: 1, Channel: 'x' }, EventData: { Image: 'a.exe' } } },
      null,
      2,
    );
    const cutInValue = full.slice(0, full.indexOf('"x"') + 2); // ends inside the string "x"
    const cutAfterValue = full.slice(0, full.indexOf('1,') + 1); // ends after a number
    const text = [full, cutInValue, full, cutAfterValue, full, ''].join('\n');
    const records = await read(text);
    expect(records.map((r) => r.ok)).toEqual([true, false, true, false, true]);
    const size = full.split('\n').length;
    const cutInSize = cutInValue.split('\n').length;
    const cutAfterSize = cutAfterValue.split('\n').length;
    expect(records.map((r) => r.line)).toEqual([
      1,
      size + 1,
      size + cutInSize + 1,
      2 * size + cutInSize + 1,
      2 * size + cutInSize + cutAfterSize + 1,
    ]);
    for (const record of records) if (record.ok) expect(record.value).toEqual(JSON.parse(full));
  });

  it('skips the rest of a broken pretty-printed document instead of reporting each of its lines', async () => {
    const text = '{\n  "a": "broken\n  line",\n  "b": {\n    "c": 1\n  }\n}\n{\n  "d": 2\n}\n';
    expect(summary(await read(text))).toEqual([
      [1, 'error'],
      [8, { d: 2 }],
    ]);
  });

  it('reports an unclosed document at the end of the input', async () => {
    const records = await read('{"a":1}\n{"b": [1, 2');
    expect(summary(records)).toEqual([
      [1, { a: 1 }],
      [2, 'error'],
    ]);
    expect(records[1]).toMatchObject({
      reason: expect.stringMatching(/input ends before the record closes/),
    });
  });

  it('reads scalars as records and reports junk line by line', async () => {
    expect(summary(await read('42\n"text"\ntrue\n}\n{"a":1}\n'))).toEqual([
      [1, 42],
      [2, 'text'],
      [3, true],
      [4, 'error'],
      [5, { a: 1 }],
    ]);
  });

  it('survives binary junk: reports it and reads the records after it', async () => {
    const random = seeded(7);
    const junk = Buffer.from(Array.from({ length: 5000 }, () => Math.floor(random() * 256)));
    const input = Buffer.concat([
      Buffer.from('{"before":1}\n'),
      junk,
      Buffer.from('\n{"after":1}\n{"after":2}\n[{"after":3}]\n'),
    ]);
    const records = await read(chunksOf(input, [977]));
    const values = records.filter((r) => r.ok).map((r) => (r.ok ? r.value : undefined));
    expect(values[0]).toEqual({ before: 1 });
    expect(values.slice(-3)).toEqual([{ after: 1 }, { after: 2 }, { after: 3 }]);
    const errors = records.filter((r): r is Extract<JsonRecord, { ok: false }> => !r.ok);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) {
      expect(error.excerpt.length).toBeLessThanOrEqual(200);
      // eslint-disable-next-line no-control-regex
      expect(error.excerpt).not.toMatch(/[\u0000-\u0008\u000e-\u001f]/);
    }
  });

  it('reports a record over the size limit without keeping it, and reads on', async () => {
    const big = JSON.stringify({ big: 'x'.repeat(5000) });
    const input = `{"a":1}\n${big}\n{"b":2}\n${JSON.stringify({ big: 'y'.repeat(500) }, null, 2)}\n{"c":3}\n`;
    for (const sizes of [[input.length], [64], [1]]) {
      const records = await read(chunksOf(Buffer.from(input), sizes), 1000);
      expect(summary(records)).toEqual([
        [1, { a: 1 }],
        [2, 'error'],
        [3, { b: 2 }],
        [4, { big: 'y'.repeat(500) }],
        [7, { c: 3 }],
      ]);
      expect(records[1]).toMatchObject({ reason: 'record exceeds 1000 bytes', excerpt: big.slice(0, 200) });
    }
  });

  it('applies the size limit to pretty-printed documents and to top-level array elements', async () => {
    const bigDoc = JSON.stringify({ big: 'x'.repeat(3000) }, null, 2);
    const records = await read(chunksOf(Buffer.from(`${bigDoc}\n[${bigDoc}, {"ok":1}]\n`), [100]), 1000);
    expect(summary(records)).toEqual([
      [1, 'error'],
      [4, 'error'],
      [6, { ok: 1 }],
    ]);
  });

  it('defaults the size limit to 1 MiB', async () => {
    const justUnder = JSON.stringify({ s: 'x'.repeat(1024 * 1024 - 20) });
    const justOver = JSON.stringify({ s: 'x'.repeat(1024 * 1024) });
    const records = await read(chunksOf(Buffer.from(`${justUnder}\n${justOver}\n`), [65536]));
    expect(records.map((r) => r.ok)).toEqual([true, false]);
    expect(records[1]).toMatchObject({ reason: 'record exceeds 1048576 bytes' });
  });

  it('gives the same records whatever the chunk boundaries', async () => {
    const text = [
      '\ufeff{"a":"esc \\" quote \\\\ backslash \\\\","u":"é 日本 😀"}',
      '{"b":[1,{"c":"}"}]}',
      JSON.stringify({ pretty: { list: [1, 2, { x: 'y' }], s: '\\"[{' } }, null, 2),
      '{"cut": "in the middle',
      JSON.stringify([{ e: 1 }, { f: 'é' }, 3], null, 1),
      '[{"g":1},{"h":2}]',
      'junk line',
      '\t{"i":"😀\\\\"}\r',
      '42',
      '{"truncated": {"deep": [1,',
      '{"j":1} {"k":2}{"l":3}',
      '{"last":true}',
    ].join('\n');
    const bytes = Buffer.from(text);
    const whole = await read(bytes, 200);
    expect(whole.filter((r) => !r.ok)).toHaveLength(3);
    expect(whole.filter((r) => r.ok)).toHaveLength(14);
    expect(await read(chunksOf(bytes, [1]), 200)).toEqual(whole);
    for (let seed = 1; seed <= 30; seed++) {
      const random = seeded(seed);
      const sizes = Array.from({ length: bytes.length }, () => 1 + Math.floor(random() * 40));
      expect(await read(chunksOf(bytes, sizes), 200)).toEqual(whole);
    }
    expect(await read(text, 200)).toEqual(whole);
  });

  it('accepts string chunks, as from a text stream', async () => {
    expect(summary(await read(['{"a":', '"é"}\n{"b"', ':2}']))).toEqual([
      [1, { a: 'é' }],
      [2, { b: 2 }],
    ]);
  });
});
