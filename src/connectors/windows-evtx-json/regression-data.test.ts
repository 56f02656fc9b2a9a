import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REGRESSION_DIR, requireCorpus } from '../../../test/shared-corpus';
import { openInput } from '../inputs/input-paths';
import { readJsonRecords } from '../inputs/json-record-reader';
import { normalizeEvtxJson } from './normalize';

/** Every event file of the shared SigmaHQ regression data (read in place), info.yml aside. */
function eventFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return eventFiles(path);
      return name === 'info.yml' ? [] : [path];
    });
}

describe('the SigmaHQ regression data normalizes', () => {
  requireCorpus();
  const files = eventFiles(REGRESSION_DIR);

  it('has event files, among them a .jsoncls', () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
    expect(files.some((f) => f.endsWith('.jsoncls'))).toBe(true);
  });

  it('reads every document of every file, and each is a Windows event with a category or service', async () => {
    const problems: string[] = [];
    let events = 0;
    for (const file of files) {
      const where = file.slice(REGRESSION_DIR.length + 1);
      for await (const record of readJsonRecords(openInput(file), { source: file })) {
        if (!record.ok) {
          problems.push(`${where}:${record.line}: ${record.reason}`);
          continue;
        }
        events++;
        const result = normalizeEvtxJson(record.value);
        if (!result.ok) {
          problems.push(`${where}:${record.line}: ${result.reason}`);
          continue;
        }
        const { logsource, fields, id } = result.event;
        if (logsource.product !== 'windows')
          problems.push(`${where}:${record.line}: product ${String(logsource.product)}`);
        if (logsource.categories.length + logsource.services.length === 0) {
          problems.push(
            `${where}:${record.line}: no category or service (Channel ${String(fields['Channel'])}, EventID ${String(fields['EventID'])})`,
          );
        }
        if (typeof fields['EventID'] !== 'number')
          problems.push(`${where}:${record.line}: EventID is not a number`);
        if (!/\/\d+$/.test(id)) problems.push(`${where}:${record.line}: id ${id} is not host/channel/record`);
      }
    }
    expect(problems).toEqual([]);
    expect(events).toBeGreaterThan(files.length); // some files hold several documents
  });
});
