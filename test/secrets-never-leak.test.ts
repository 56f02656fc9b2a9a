import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryBus } from '../src/adapters/embedded/memory-bus';
import { demoConfig } from '../src/app/pipeline/demo-config';
import { runPipeline } from '../src/app/pipeline/run-pipeline';

const ROOT = join(__dirname, '..');
const SAMPLES = join(ROOT, 'connectors', 'samples');

/** Credential values written in the bundled samples: header/field values named like keys, and bearer tokens. */
function secretsInSamples(): string[] {
  const secrets = new Set<string>();
  const field =
    /"(?:api-?key|x-api-key|apikey|authorization|token|password|client_secret|secret)"\s*:\s*"([^"]{8,})"/gi;
  const bearer = /Bearer ([A-Za-z0-9._~+/-]{16,})/g;
  for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.ndjson'))) {
    const text = readFileSync(join(SAMPLES, file), 'utf8').replace(/\\"/g, '"');
    for (const m of text.matchAll(field)) secrets.add((m[1] as string).replace(/^Bearer /, ''));
    for (const m of text.matchAll(bearer)) secrets.add(m[1] as string);
  }
  // Values a vendor already masked are not secrets.
  return [...secrets].filter((s) => !/redacted|\*{3}/i.test(s));
}

describe('secrets in source records', () => {
  it('appear in no event, alert, dead letter or log line of the pipeline', async () => {
    const secrets = secretsInSamples();
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const config = demoConfig(ROOT);
    const bus = new MemoryBus(config.topics.partitions);
    const logs: string[] = [];
    const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: (l) => logs.push(l) });
    await pipeline.inputsDone;
    await bus.whenIdle();
    await pipeline.stop();
    const written = [config.topics.events, config.topics.alerts, config.topics.deadletter]
      .flatMap((topic) => bus.messages(topic))
      .map((m) => `${m.key?.toString() ?? ''} ${m.value?.toString() ?? ''}`);
    expect(bus.messages(config.topics.events).length).toBeGreaterThan(50);
    const leaks = secrets.filter((secret) => [...written, ...logs].some((text) => text.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
