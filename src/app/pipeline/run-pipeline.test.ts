import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryBus } from '../../adapters/embedded/memory-bus';
import type { Alert } from '../../core/alert';
import { CONNECTOR_TYPES } from '../../connectors/registry';
import { demoConfig } from './demo-config';
import { runPipeline } from './run-pipeline';

const ROOT = join(__dirname, '..', '..', '..');

describe('runPipeline on the in-process bus (embedded default)', () => {
  it('takes every bundled sample through connector → bus → detector → alerts topic', async () => {
    const config = demoConfig(ROOT);
    const bus = new MemoryBus(config.topics.partitions);
    const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
    await pipeline.inputsDone;
    await bus.whenIdle();
    const summary = pipeline.summary();
    await pipeline.stop();
    await bus.close();

    const expected = CONNECTOR_TYPES.flatMap((c) => {
      const file = join(ROOT, 'connectors', 'samples', `${c.id}.expected.json`);
      return (JSON.parse(readFileSync(file, 'utf8')) as { alerts: { rule: string; event: string }[] }).alerts;
    });
    const alerts = bus.messages(config.topics.alerts).map((m) => JSON.parse(String(m.value)) as Alert);
    const key = (a: { rule: string; event: string }): string => `${a.rule}/${a.event}`;
    expect(alerts.map((a) => key({ rule: a.rule.id, event: a.event.id })).sort()).toEqual(
      expected.map(key).sort(),
    );
    expect(
      bus.messages(config.topics.alerts).every((m) => m.key?.toString() === JSON.parse(String(m.value)).id),
    ).toBe(true);
    expect(alerts.every((a) => a.rule.author.length > 0 && a.context !== undefined)).toBe(true);
    expect(bus.messages(config.topics.deadletter)).toHaveLength(0);
    expect(Object.keys(summary.connectors).sort()).toEqual(CONNECTOR_TYPES.map((c) => c.id).sort());
  });
});
