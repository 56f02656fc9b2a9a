import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBus } from '../../src/app/pipeline/create-bus';
import { runPipeline } from '../../src/app/pipeline/run-pipeline';
import { loadConfig } from '../../src/config/load-config';
import type { Alert } from '../../src/core/alert';
import { CONNECTOR_TYPES } from '../../src/connectors/registry';
import { describeWithAuthListeners } from '../infra/kafka/auth-listeners';
import { cloudTrailRecord } from './cloudtrail-stream';
import { kafkaBrokers, readTopic, uniqueTopics } from './kafka-test-env';

const ROOT = join(__dirname, '..', '..');
const TYPES = CONNECTOR_TYPES.map((c) => c.id);

/** Writes a config file for the pipeline and loads it the way `tripline run --config` does. */
function configFor(
  kafkaSection: string[],
  topics: ReturnType<typeof uniqueTopics>,
  extra: string[] = [],
): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-kafka-config-'));
  const file = join(dir, 'tripline.yml');
  writeFileSync(
    file,
    [
      'kafka:',
      ...kafkaSection.map((l) => `  ${l}`),
      'topics:',
      `  events: ${topics.events}`,
      `  alerts: ${topics.alerts}`,
      `  deadletter: ${topics.deadletter}`,
      '  partitions: 2',
      'detector:',
      `  rules: [${join(ROOT, 'detections')}]`,
      `  group_id: detector-${topics.suffix}`,
      '  hot_reload: false',
      ...extra,
    ].join('\n'),
  );
  return file;
}

/** The connector reads a raw Kafka topic; the whole pipeline reaches the alerts topic. */
async function runRawTopicPipeline(
  file: string,
  env: NodeJS.ProcessEnv,
  topics: ReturnType<typeof uniqueTopics>,
): Promise<Alert[]> {
  const config = loadConfig(file, TYPES, env);
  const bus = createBus(config);
  const pipeline = await runPipeline({ config, role: 'all', bus, baseDir: ROOT, log: () => undefined });
  try {
    const alerts = await readTopic(topics.alerts, (m) => m.length >= 1, 60_000);
    return alerts.map((m) => JSON.parse(m.value) as Alert);
  } finally {
    await pipeline.stop();
    await bus.close();
  }
}

async function publishRaw(topic: string, values: string[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'raw-publisher', brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic, messages: values.map((value) => ({ value })) });
  await producer.disconnect();
}

describe('a raw Kafka topic as connector input', () => {
  it('normalizes raw CloudTrail messages and raises their alerts', async () => {
    const topics = uniqueTopics('raw');
    const raw = `raw-cloudtrail-${topics.suffix}`;
    await publishRaw(raw, [
      JSON.stringify(cloudTrailRecord(1)),
      JSON.stringify(cloudTrailRecord(20)),
      '{"broken": ',
    ]);
    const file = configFor(['brokers: ["${KAFKA_BROKERS}"]'], topics, [
      'connectors:',
      '  - name: trail',
      '    type: aws-cloudtrail',
      `    input: { kafka: { topic: ${raw}, group_id: raw-${topics.suffix} } }`,
    ]);
    const alerts = await runRawTopicPipeline(file, { KAFKA_BROKERS: kafkaBrokers().join(',') }, topics);
    expect(alerts.map((a) => a.event.id)).toEqual(['evt-stream-20']);
    const letters = await readTopic(topics.deadletter, (m) => m.length >= 1, 30_000);
    expect(JSON.parse(letters[0]?.value ?? '{}')).toMatchObject({
      code: 'record.malformed',
      source: `kafka:${raw}`,
    });
  });
});

describeWithAuthListeners('Kafka security from the configuration file', () => {
  it.each(['scram-sha-512', 'scram-sha-256', 'plain'])(
    'runs the pipeline over SASL %s with the password from the environment',
    async (mechanism) => {
      const topics = uniqueTopics(`sasl-${mechanism}`);
      await publishRaw(`raw-${topics.suffix}`, [JSON.stringify(cloudTrailRecord(30))]);
      const file = configFor(
        [
          'brokers: ["${KAFKA_SASL_BROKERS}"]',
          `sasl: { mechanism: ${mechanism}, username: "\${KAFKA_SASL_USERNAME}", password: "\${KAFKA_SASL_PASSWORD}" }`,
        ],
        topics,
        [
          'connectors:',
          '  - name: trail',
          '    type: aws-cloudtrail',
          `    input: { kafka: { topic: raw-${topics.suffix}, group_id: raw-${topics.suffix} } }`,
        ],
      );
      const alerts = await runRawTopicPipeline(file, process.env, topics);
      expect(alerts.map((a) => a.event.id)).toEqual(['evt-stream-30']);
    },
  );

  it('fails to connect with a wrong SASL password, without printing it', async () => {
    const topics = uniqueTopics('sasl-wrong');
    const file = configFor(
      [
        'brokers: ["${KAFKA_SASL_BROKERS}"]',
        'sasl: { mechanism: scram-sha-512, username: tripline, password: "wrong-password-value" }',
      ],
      topics,
    );
    const config = loadConfig(file, TYPES, process.env);
    const bus = createBus(config);
    const failure = await bus
      .ensureTopics([{ name: topics.events, partitions: 1, replicationFactor: 1 }])
      .then(
        () => undefined,
        (error: Error) => error,
      );
    await bus.close();
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure?.message)).not.toContain('wrong-password-value');
  });

  it('runs over TLS with the CA file, and refuses the broker without it', async () => {
    const topics = uniqueTopics('tls');
    await publishRaw(`raw-${topics.suffix}`, [JSON.stringify(cloudTrailRecord(40))]);
    const connectors = [
      'connectors:',
      '  - name: trail',
      '    type: aws-cloudtrail',
      `    input: { kafka: { topic: raw-${topics.suffix}, group_id: raw-${topics.suffix} } }`,
    ];
    const file = configFor(
      ['brokers: ["${KAFKA_SSL_BROKERS}"]', 'tls: { ca_file: "${KAFKA_SSL_CA_FILE}" }'],
      topics,
      connectors,
    );
    const alerts = await runRawTopicPipeline(file, process.env, topics);
    expect(alerts.map((a) => a.event.id)).toEqual(['evt-stream-40']);

    const untrusted = loadConfig(
      configFor(['brokers: ["${KAFKA_SSL_BROKERS}"]', 'tls: {}'], uniqueTopics('tls-untrusted')),
      TYPES,
      process.env,
    );
    const bus = createBus(untrusted);
    const failure = await bus.ensureTopics([{ name: 'never', partitions: 1, replicationFactor: 1 }]).then(
      () => undefined,
      (error: Error) => error,
    );
    await bus.close();
    expect(String(failure?.message ?? 'connected')).toMatch(/certificate|self.signed|Connection error/i);
  });
});
