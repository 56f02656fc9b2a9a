import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaBrokers, uniqueTopics } from './kafka-test-env';

const ROOT = join(__dirname, '..', '..');

describe('tripline setup kafka', () => {
  it('creates the three topics with the configured partitions, and is idempotent', async () => {
    const topics = uniqueTopics('setup');
    const dir = mkdtempSync(join(tmpdir(), 'tripline-setup-'));
    const file = join(dir, 'tripline.yml');
    writeFileSync(
      file,
      [
        'kafka:',
        `  brokers: ["${kafkaBrokers()[0]}"]`,
        'topics:',
        `  events: ${topics.events}`,
        `  alerts: ${topics.alerts}`,
        `  deadletter: ${topics.deadletter}`,
        '  partitions: 3',
      ].join('\n'),
    );
    const run = (): ReturnType<typeof spawnSync> =>
      spawnSync(
        process.execPath,
        [join(ROOT, 'dist', 'cli', 'main.js'), 'setup', 'kafka', '-c', file, '--json'],
        {
          encoding: 'utf8',
        },
      );
    const first = run();
    expect(first.status).toBe(0);
    expect(run().status).toBe(0);

    const admin = new Kafka({
      clientId: 'setup-test',
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({
      topics: [topics.events, topics.alerts, topics.deadletter],
    });
    await admin.disconnect();
    const partitions = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]));
    expect(partitions).toEqual({ [topics.events]: 3, [topics.alerts]: 3, [topics.deadletter]: 1 });
  });

  it('stops with the option and line when the configuration is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-setup-'));
    const file = join(dir, 'tripline.yml');
    writeFileSync(file, 'kafka:\n  brokers: [localhost:9092]\n  acks: all\n');
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'cli', 'main.js'), 'setup', 'kafka', '-c', file],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${file}:3: unknown option 'kafka.acks'`);
  });
});
