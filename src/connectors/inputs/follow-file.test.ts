import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileInputs } from './file-input';

describe('file input in follow mode', () => {
  it('reads records appended to a growing file, and new files in a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-follow-'));
    const first = join(dir, 'a.ndjson');
    writeFileSync(first, '{"n":1}\n');
    const abort = new AbortController();
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const record of readFileInputs({
        paths: [dir],
        follow: true,
        maxRecordBytes: 1024,
        signal: abort.signal,
      })) {
        if (record.ok) seen.push(record.value);
        if (seen.length === 4) abort.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    appendFileSync(first, '{"n":2}\n{"n"');
    await new Promise((r) => setTimeout(r, 400));
    appendFileSync(first, ':3}\n');
    writeFileSync(join(dir, 'b.ndjson'), '{"n":4}\n');
    await Promise.race([
      reading,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 8000)),
    ]);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
  });
});
