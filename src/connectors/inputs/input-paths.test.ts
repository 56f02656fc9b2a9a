import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../core/errors';
import { listInputFiles, openInput } from './input-paths';
import { readJsonRecords } from './json-record-reader';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tripline-inputs-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bytesOf(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of openInput(path)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('listInputFiles', () => {
  it('walks folders recursively in sorted order, keeping JSON-like and log files, skipping dotfiles', async () => {
    const files = [
      'b.json',
      'a.ndjson',
      'c/z.jsonl',
      'c/a.log.gz',
      'c/d/e.jsoncls',
      'notes.md',
      'image.png',
      '.hidden.json',
      '.git/x.json',
      'C.txt',
      'upper.JSON',
    ];
    for (const file of files) {
      await mkdir(join(dir, file, '..'), { recursive: true });
      await writeFile(join(dir, file), '{}');
    }
    expect((await listInputFiles([dir])).map((f) => f.slice(dir.length + 1))).toEqual([
      'C.txt',
      'a.ndjson',
      'b.json',
      'c/a.log.gz',
      'c/d/e.jsoncls',
      'c/z.jsonl',
      'upper.JSON',
    ]);
  });

  it('takes files as given, whatever their name, in the order given, and keeps - for standard input', async () => {
    await writeFile(join(dir, 'events.bin'), '{}');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'x.json'), '{}');
    expect(await listInputFiles([join(dir, 'sub'), join(dir, 'events.bin'), '-'])).toEqual([
      join(dir, 'sub', 'x.json'),
      join(dir, 'events.bin'),
      '-',
    ]);
  });

  it('does not loop on a symbolic link back to a folder being walked', async () => {
    await mkdir(join(dir, 'a'));
    await writeFile(join(dir, 'a', 'x.json'), '{}');
    await symlink(dir, join(dir, 'a', 'loop'));
    expect(await listInputFiles([dir])).toEqual([join(dir, 'a', 'x.json')]);
  });

  it('throws InputError input.not_found naming a path that does not exist', async () => {
    const missing = join(dir, 'nope.json');
    const error = await listInputFiles([missing]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'input.not_found', message: expect.stringContaining(missing) });
  });
});

describe('openInput', () => {
  it('streams a plain file as it is', async () => {
    await writeFile(join(dir, 'a.json'), '{"a":1}\n');
    expect((await bytesOf(join(dir, 'a.json'))).toString()).toBe('{"a":1}\n');
  });

  it('gunzips by magic bytes, with or without a .gz name, across many chunks', async () => {
    const text = Array.from({ length: 20000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(i % 50) })).join(
      '\n',
    );
    await writeFile(join(dir, 'events.json.gz'), gzipSync(text));
    await writeFile(join(dir, 'events.json'), gzipSync(text));
    expect((await bytesOf(join(dir, 'events.json.gz'))).toString()).toBe(text);
    expect((await bytesOf(join(dir, 'events.json'))).toString()).toBe(text);

    const records = [];
    for await (const record of readJsonRecords(openInput(join(dir, 'events.json')), { source: 'gz' }))
      records.push(record);
    expect(records).toHaveLength(20000);
    expect(records.every((r, i) => r.ok && r.line === i + 1 && (r.value as { i: number }).i === i)).toBe(
      true,
    );
  });

  it('reads an empty file and a one-byte file', async () => {
    await writeFile(join(dir, 'empty.json'), '');
    await writeFile(join(dir, 'one.json'), '1');
    expect(await bytesOf(join(dir, 'empty.json'))).toEqual(Buffer.alloc(0));
    expect((await bytesOf(join(dir, 'one.json'))).toString()).toBe('1');
  });

  it('reports corrupt gzip and unreadable files as InputError input.unreadable', async () => {
    const gz = gzipSync('{"a":1}\n'.repeat(1000));
    await writeFile(join(dir, 'cut.json.gz'), gz.subarray(0, gz.length / 2));
    await expect(bytesOf(join(dir, 'cut.json.gz'))).rejects.toMatchObject({ code: 'input.unreadable' });
    await expect(bytesOf(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'input.not_found' });
    await expect(bytesOf(dir)).rejects.toMatchObject({ code: 'input.unreadable' }); // a folder
  });

  it('lets a reader stop early', async () => {
    await writeFile(join(dir, 'many.json.gz'), gzipSync('{"a":1}\n'.repeat(100000)));
    for await (const record of readJsonRecords(openInput(join(dir, 'many.json.gz')), { source: 'x' })) {
      expect(record.ok).toBe(true);
      break;
    }
  });
});
