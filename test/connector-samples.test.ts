import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECTOR_TYPES } from '../src/connectors/registry';
import { SourceRuleSets } from '../src/detection/engine/source-rule-sets';

/**
 * Each connector's bundled sample (`connectors/samples/<id>.ndjson`) normalizes without a rejected record
 * and raises exactly the alerts listed in `<id>.expected.json` with the rules in `detections/`. After a
 * deliberate change, rewrite the expected files with UPDATE_GOLDEN=1 and review the diff.
 */
const ROOT = join(__dirname, '..');
const SAMPLES = join(ROOT, 'connectors', 'samples');

interface ExpectedAlerts {
  alerts: { rule: string; event: string }[];
}

let ruleSets: SourceRuleSets;

beforeAll(async () => {
  ruleSets = await SourceRuleSets.load({
    rulePaths: [join(ROOT, 'detections')],
    sources: CONNECTOR_TYPES,
    baseDir: ROOT,
  });
});

describe.each(CONNECTOR_TYPES.map((c) => [c.id, c] as const))('sample of %s', (id, connector) => {
  it('normalizes every record and raises the expected alerts', () => {
    const samplePath = join(SAMPLES, `${id}.ndjson`);
    expect(existsSync(samplePath)).toBe(true);
    const actual: { rule: string; event: string }[] = [];
    const lines = readFileSync(samplePath, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    for (const line of lines) {
      for (const record of connector.unwrap(JSON.parse(line))) {
        const outcome = connector.normalize(record as Record<string, unknown>, {
          maxOriginalBytes: 16384,
          receivedAt: '2026-01-01T00:00:00.000Z',
        });
        if (!outcome.ok) throw new Error(`${samplePath}: ${outcome.reason}`);
        for (const alert of ruleSets.detect(outcome.event)) {
          actual.push({ rule: alert.rule.id, event: alert.event.id });
        }
      }
    }
    const expectedPath = join(SAMPLES, `${id}.expected.json`);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      writeFileSync(expectedPath, `${JSON.stringify({ alerts: actual }, null, 2)}\n`);
    }
    const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as ExpectedAlerts;
    expect(expected.alerts.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected.alerts);
  });
});
