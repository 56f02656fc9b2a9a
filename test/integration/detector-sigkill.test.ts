import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkajsBus } from '../../src/adapters/kafka/kafkajs-bus';
import { runPipeline } from '../../src/app/pipeline/run-pipeline';
import { configSchema } from '../../src/config/config-schema';
import type { TriplineConfig } from '../../src/config/load-config';
import { awsCloudTrailConnector } from '../../src/connectors/aws-cloudtrail';
import { CONNECTOR_TYPES } from '../../src/connectors/registry';
import { SourceRuleSets } from '../../src/detection/engine/source-rule-sets';
import { describeBehindGate } from '../infra/environment-gate';
import { cloudTrailRecord } from './cloudtrail-stream';
import { kafkaClientGates } from './kafka-clients';
import { kafkaBrokers, plainConnection, readTopic, uniqueTopics } from './kafka-test-env';

const ROOT = join(__dirname, '..', '..');
const EVENTS = 100_000;

/**
 * At-least-once with deterministic ids: 100,000 events are on the events topic, the detector (a real
 * `tripline run detector` process) is SIGKILLed while it works through them, then started again. Every
 * expected alert must arrive, and the distinct alert ids must be exactly the expected set. The events are
 * written once; each Kafka client's detector reads them in its own group and writes its own alerts topic.
 */
describe('detector killed mid-stream', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-sigkill-'));
  const topics = uniqueTopics('sigkill');
  const expected = new Set<string>();

  beforeAll(async () => {
    const input = join(dir, 'cloudtrail.ndjson');
    const out = createWriteStream(input);
    for (let i = 0; i < EVENTS; i++) out.write(`${JSON.stringify(cloudTrailRecord(i))}\n`);
    await new Promise((resolve) => out.end(resolve));

    // The expected alert ids, computed in-process with the same rules.
    const rules = await SourceRuleSets.load({
      rulePaths: [join(ROOT, 'detections')],
      sources: CONNECTOR_TYPES,
      baseDir: ROOT,
    });
    for (let i = 0; i < EVENTS; i++) {
      const outcome = awsCloudTrailConnector.normalize(cloudTrailRecord(i), {
        maxOriginalBytes: 16384,
        receivedAt: '2026-01-01T00:00:00Z',
      });
      if (!outcome.ok) throw new Error(outcome.reason);
      for (const alert of rules.detect(outcome.event)) expected.add(alert.id);
    }

    // Connector: all events onto the events topic.
    const raw = configSchema.parse({
      topics: { events: topics.events, alerts: topics.alerts, deadletter: topics.deadletter, partitions: 4 },
      connectors: [{ name: 'trail', type: 'aws-cloudtrail', input: { file: { paths: [input] } } }],
    });
    const config: TriplineConfig = {
      ...raw,
      kafka: plainConnection(),
      elasticsearch: undefined,
      file: 'test',
    };
    const bus = new KafkajsBus(config.kafka!);
    const connector = await runPipeline({
      config,
      role: 'connector',
      bus,
      baseDir: ROOT,
      log: () => undefined,
    });
    await connector.inputsDone;
    await connector.stop();
    await bus.close();
  }, 300_000);

  it('expects one alert per ten events', () => {
    expect(expected.size).toBe(EVENTS / 10);
  });

  for (const { client, gate } of kafkaClientGates()) {
    describeBehindGate(`on ${client}`, gate, () => {
      it('loses no alert and creates no alert id twice', async () => {
        const alertsTopic = `${topics.alerts}-${client}`;
        const configFile = join(dir, `tripline-${client}.yml`);
        writeFileSync(
          configFile,
          [
            'kafka:',
            `  brokers: [${kafkaBrokers().join(', ')}]`,
            `  client: ${client}`,
            '  compression: gzip',
            'topics:',
            `  events: ${topics.events}`,
            `  alerts: ${alertsTopic}`,
            `  deadletter: ${topics.deadletter}`,
            '  partitions: 4',
            'detector:',
            `  rules: [${join(ROOT, 'detections')}]`,
            `  group_id: detector-${topics.suffix}-${client}`,
            '  hot_reload: false',
            'output:',
            '  console: false',
          ].join('\n'),
        );
        const startDetector = (): ChildProcess =>
          spawn(
            process.execPath,
            [join(ROOT, 'dist', 'cli', 'main.js'), 'run', 'detector', '--config', configFile, '--json'],
            { stdio: ['ignore', 'ignore', 'pipe'] },
          );

        // First detector: killed once some alerts, not all, are out.
        const first = startDetector();
        const producedAtKill = await waitForAlerts(alertsTopic, (n) => n >= 1000);
        first.kill('SIGKILL');
        await new Promise((resolve) => first.once('exit', resolve));
        expect(producedAtKill).toBeGreaterThanOrEqual(1000);
        expect(producedAtKill).toBeLessThan(expected.size);

        // Second detector: resumes from the committed offsets.
        const second = startDetector();
        try {
          const messages = await readTopic(
            alertsTopic,
            (m) => new Set(m.map((x) => x.key)).size >= expected.size,
            240_000,
          );
          const ids = new Set(messages.map((m) => m.key));
          expect(ids.size).toBe(expected.size);
          expect([...ids].filter((id) => !expected.has(id as string))).toEqual([]);
          // Redelivered alerts are the same alerts: same id, same content.
          const byId = new Map<string, string>();
          for (const m of messages) {
            const earlier = byId.get(m.key as string);
            if (earlier !== undefined) expect(m.value).toBe(earlier);
            byId.set(m.key as string, m.value);
          }
        } finally {
          second.kill('SIGTERM');
          await new Promise((resolve) => second.once('exit', resolve));
        }
      }, 600_000);
    });
  }
});

/** Polls the alerts topic's end offsets until `enough` holds; returns the count then. */
async function waitForAlerts(topic: string, enough: (count: number) => boolean): Promise<number> {
  const kafka = new Kafka({
    clientId: 'tripline-test-admin',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
      const count = offsets.reduce((sum, o) => sum + Number(o.high), 0);
      if (enough(count) || Date.now() > deadline) return count;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await admin.disconnect();
  }
}
