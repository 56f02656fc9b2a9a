import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { ConnectorType, NormalizeContext } from '../connector-type';

/** The context golden tests normalize with: fixed, so expected files do not change from run to run. */
export const GOLDEN_CONTEXT: NormalizeContext = {
  maxOriginalBytes: 4096,
  receivedAt: '2026-01-01T00:00:00.000Z',
};

/**
 * Golden samples: each `<name>.input.json` (or `.input.json.gz`) in a connector's testdata/ folder is a
 * raw input as the vendor delivers it (one record or an envelope of many), and `<name>.expected.json` the
 * array of what the connector makes of it: normalized events, or `{"error": reason}` for rejected
 * records. After a deliberate change, rewrite the expected files with UPDATE_GOLDEN=1, then review the diff.
 */
export function describeGoldenSamples(connector: ConnectorType, testdata: string, minimum = 2): void {
  const update = process.env['UPDATE_GOLDEN'] === '1';
  const inputs = readdirSync(testdata)
    .filter((f) => /\.input\.json(\.gz)?$/.test(f))
    .sort();

  describe(`${connector.id} golden samples`, () => {
    it(`has at least ${minimum} samples`, () => {
      expect(inputs.length).toBeGreaterThanOrEqual(minimum);
    });

    it.each(inputs)('%s', (input) => {
      const bytes = readFileSync(join(testdata, input));
      const text = (input.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      const actual = normalizeAll(connector, JSON.parse(text));
      const expectedPath = join(testdata, input.replace(/\.input\.json(\.gz)?$/, '.expected.json'));
      if (update) writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
      if (!existsSync(expectedPath)) {
        throw new Error(`${expectedPath} is missing: write it with UPDATE_GOLDEN=1 and review it`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  });
}

function normalizeAll(connector: ConnectorType, value: unknown): unknown[] {
  return connector.unwrap(value).map((record) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      return { error: 'not a JSON object' };
    }
    const outcome = connector.normalize(record as Record<string, unknown>, GOLDEN_CONTEXT);
    return outcome.ok ? outcome.event : { error: outcome.reason };
  });
}
