/**
 * Proves the test-services harness (test/infra): a real Kafka broker with the clients the product uses.
 * Brokers come from KAFKA_BROKERS (and, on the local JVM broker, the SASL/SSL variables) set by globalSetup.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { CompressionTypes, Kafka, logLevel, Partitioners, type KafkaConfig, type SASLOptions } from 'kafkajs';
import { describeWithAuthListeners } from '../infra/kafka/auth-listeners';

const brokers = (): string[] => {
  const value = process.env.KAFKA_BROKERS;
  if (!value) throw new Error('KAFKA_BROKERS is not set: the integration globalSetup did not run');
  return value.split(',');
};
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

const client = (config: Partial<KafkaConfig> = {}) =>
  new Kafka({
    clientId: 'kafka-harness-test',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    ...config,
  });

/** Connects an admin client with `config` and lists topics; no retries, so a refusal surfaces at once. */
async function listTopicsWith(config: Partial<KafkaConfig>): Promise<string[]> {
  const admin = client({ retry: { retries: 0 }, ...config }).admin();
  try {
    await admin.connect();
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

describe('plaintext listener (KAFKA_BROKERS)', () => {
  test('topics, idempotent gzip producer, consumer group with eachBatch and manual commits', async () => {
    const kafka = client();
    const topic = unique('harness');
    const groupId = unique('harness-group');
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const consumer = kafka.consumer({ groupId });
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true })).toBe(
        true,
      );
      expect(await admin.listTopics()).toContain(topic);

      await producer.connect();
      const messages = ['a', 'b', 'c', 'd', 'e'].map((key) => ({ key, value: `value-${key}` }));
      const sent = await producer.send({ topic, compression: CompressionTypes.GZIP, messages });
      expect(sent.every((r) => r.errorCode === 0)).toBe(true);

      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const received: string[] = [];
      await new Promise<void>((done, fail) => {
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              for (const message of batch.messages) {
                received.push(String(message.value));
                resolveOffset(message.offset);
              }
              const next = (BigInt(batch.lastOffset()) + 1n).toString();
              await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
              await heartbeat();
              if (received.length >= messages.length) done();
            },
          })
          .catch(fail);
      });
      expect(received.sort()).toEqual(messages.map((m) => m.value).sort());
      await consumer.disconnect();

      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      const committed = offsets[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
      expect(committed).toBe(messages.length);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  test('@platformatic/kafka produces and consumes (in a child node: the package is ESM-only)', async () => {
    const topic = unique('harness-platformatic');
    const admin = client().admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      const script = `
        import { Producer, Consumer, stringSerializers, stringDeserializers } from '@platformatic/kafka';
        const bootstrapBrokers = process.env.KAFKA_BROKERS.split(',');
        const topic = process.env.HARNESS_TOPIC;
        const producer = new Producer({ clientId: 'harness', bootstrapBrokers, serializers: stringSerializers });
        await producer.send({ messages: [{ topic, key: 'k', value: 'hello from platformatic' }] });
        await producer.close();
        const consumer = new Consumer({
          clientId: 'harness', groupId: topic, bootstrapBrokers, deserializers: stringDeserializers,
        });
        const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: true });
        for await (const message of stream) { console.log('consumed:' + message.value); break; }
        await stream.close();
        await consumer.close();
      `;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: resolve(__dirname, '../..'),
        env: { ...process.env, HARNESS_TOPIC: topic },
        timeout: 60_000,
      });
      expect(stdout).toContain('consumed:hello from platformatic');
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });
});

describeWithAuthListeners('SASL and SSL listeners', (listeners) => {
  describe('SASL_PLAINTEXT listener (KAFKA_SASL_BROKERS)', () => {
    const mechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
    const sasl = (mechanism: (typeof mechanisms)[number], password: string): SASLOptions => {
      const { username } = listeners;
      if (mechanism === 'plain') return { mechanism, username, password };
      if (mechanism === 'scram-sha-256') return { mechanism, username, password };
      return { mechanism, username, password };
    };

    test.each(mechanisms)('%s: the right password connects', async (mechanism) => {
      const topics = await listTopicsWith({
        brokers: listeners.saslBrokers,
        sasl: sasl(mechanism, listeners.password),
      });
      expect(Array.isArray(topics)).toBe(true);
    });

    test.each(mechanisms)('%s: a wrong password is refused', async (mechanism) => {
      await expect(
        listTopicsWith({ brokers: listeners.saslBrokers, sasl: sasl(mechanism, 'wrong-password') }),
      ).rejects.toMatchObject({
        name: 'KafkaJSSASLAuthenticationError',
        message: expect.stringMatching(/authentication failed/i),
      });
    });
  });

  describe('SSL listener (KAFKA_SSL_BROKERS, KAFKA_SSL_CA_FILE)', () => {
    test('connects when the test CA is trusted', async () => {
      const ca = readFileSync(listeners.caFile, 'utf8');
      expect(ca).toContain('BEGIN CERTIFICATE');
      const topics = await listTopicsWith({ brokers: listeners.sslBrokers, ssl: { ca: [ca] } });
      expect(Array.isArray(topics)).toBe(true);
    });

    test('fails certificate verification without the CA', async () => {
      await expect(listTopicsWith({ brokers: listeners.sslBrokers, ssl: true })).rejects.toThrow(
        /self[- ]signed certificate|unable to verify the first certificate/,
      );
    });
  });
});
