/**
 * The EventBus port on @platformatic/kafka and on librdkafka against a real broker: topics, the idempotent
 * producer, consumer groups with per-partition batches committed after the handler, crashes that leave a
 * batch uncommitted, rebalances, and (on the local JVM broker) SASL and TLS. The kafkajs adapter, the
 * default, is the one the pipeline tests run on.
 */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { PlatformaticBus } from '../../src/adapters/kafka/platformatic-bus';
import { RdkafkaBus } from '../../src/adapters/kafka/rdkafka-bus';
import type { KafkaConnection } from '../../src/adapters/kafka/kafka-connection';
import type { BusConsumer, EventBus, IncomingMessage, MessageBatch } from '../../src/ports/event-bus';
import { describeBehindGate, type Gate } from '../infra/environment-gate';
import { describeWithAuthListeners } from '../infra/kafka/auth-listeners';
import { rdkafkaGate } from '../infra/kafka/rdkafka-gate';
import { kafkaBrokers, plainConnection, Secret } from './kafka-test-env';

const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

const kafka = new Kafka({
  clientId: 'kafka-bus-adapters-test',
  brokers: kafkaBrokers(),
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const topicsToDelete: string[] = [];

beforeAll(() => admin.connect());
afterAll(async () => {
  await admin.deleteTopics({ topics: topicsToDelete }).catch(() => undefined);
  await admin.disconnect();
});

/** Committed offset per partition of a group (-1 where nothing is committed). */
async function committed(groupId: string, topic: string): Promise<Map<number, number>> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map((offsets?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

async function endOffsets(topic: string): Promise<Map<number, number>> {
  // Just after a topic is created the broker may still be taking leadership of a partition: asked again.
  for (let attempt = 1; ; attempt++) {
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return new Map(offsets.map((o) => [o.partition, Number(o.high)]));
    } catch (error) {
      if (attempt >= 20 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

interface Collected {
  consumer: BusConsumer;
  messages: IncomingMessage[];
  batches: MessageBatch[];
  /** Resolves once `count` messages have arrived (rejects after the timeout). */
  received(count: number, timeoutMs?: number): Promise<void>;
}

async function collect(bus: EventBus, groupId: string, topic: string): Promise<Collected> {
  const messages: IncomingMessage[] = [];
  const batches: MessageBatch[] = [];
  let waiter: (() => void) | undefined;
  const consumer = await bus.subscribe({
    groupId,
    topics: [topic],
    fromBeginning: true,
    eachBatch: async (batch) => {
      batches.push(batch);
      messages.push(...batch.messages);
      waiter?.();
    },
  });
  return {
    consumer,
    messages,
    batches,
    received: (count, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${messages.length} of ${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = (): void => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiter = undefined;
          resolve();
        };
        waiter = check;
        check();
      }),
  };
}

type BusFactory = (connection: KafkaConnection) => EventBus;

const adapters: { name: string; tag: string; gate: Gate<BusFactory> }[] = [
  {
    name: 'PlatformaticBus',
    tag: 'plt',
    gate: { available: true, value: (connection) => new PlatformaticBus(connection) },
  },
  {
    name: 'RdkafkaBus',
    tag: 'rdk',
    gate: rdkafkaBusFactory(),
  },
];

/** The librdkafka adapter where the optional addon is built (see rdkafkaGate). */
function rdkafkaBusFactory(): Gate<BusFactory> {
  const gate = rdkafkaGate();
  return gate.available ? { available: true, value: (connection) => new RdkafkaBus(connection) } : gate;
}

for (const { name, tag, gate } of adapters) {
  describeBehindGate(name, gate, (createBus) => {
    describe('messages and commits', () => {
      it('produces, consumes in a group, commits, and a later member of the group resumes after the commit', async () => {
        const topic = unique(`${tag}-bus`);
        const groupId = unique(`${tag}-group`);
        topicsToDelete.push(topic);
        const bus = createBus(plainConnection());
        try {
          await bus.ensureTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
          // Existing topics are left as they are.
          await bus.ensureTopics([{ name: topic, partitions: 5, replicationFactor: 1 }]);
          expect((await endOffsets(topic)).size).toBe(3);

          const producer = await bus.producer();
          const first = Array.from({ length: 30 }, (_, i) => ({
            key: `entity-${i % 7}`,
            value: JSON.stringify({ n: i }),
            headers: { 'tripline-connector': 'test', n: String(i) },
          }));
          await producer.send(topic, first.slice(0, 10));
          // Concurrent sends on one idempotent producer: every message must land (platformatic/kafka#326).
          await Promise.all(first.slice(10).map((m) => producer.send(topic, [m])));
          const ends = await endOffsets(topic);
          expect([...ends.values()].reduce((a, b) => a + b, 0)).toBe(30);

          // Keys land where kafkajs (and Java) put them, so both adapters keep one key in one partition.
          const kafkajsPartition = Partitioners.DefaultPartitioner();
          const partitionMetadata = [0, 1, 2].map((partitionId) => ({
            partitionId,
            leader: 1,
            partitionErrorCode: 0,
            replicas: [1],
            isr: [1],
          }));

          const a = await collect(bus, groupId, topic);
          await a.received(30);
          await a.consumer.stop();
          expect(a.messages.map((m) => JSON.parse(String(m.value)).n).sort((x, y) => x - y)).toEqual(
            first.map((_, i) => i),
          );
          for (const m of a.messages) {
            const n = Number(m.headers['n']);
            expect(m.headers['tripline-connector']).toBe('test');
            expect(m.key?.toString()).toBe(`entity-${n % 7}`);
            expect(m.partition).toBe(
              kafkajsPartition({ topic, partitionMetadata, message: { key: `entity-${n % 7}`, value: '' } }),
            );
            expect(m.timestamp).toBeGreaterThan(Date.now() - 120_000);
          }
          for (const batch of a.batches) {
            expect(batch.messages.every((m) => m.partition === batch.partition && m.topic === topic)).toBe(
              true,
            );
            const offsets = batch.messages.map((m) => Number(m.offset));
            expect(offsets).toEqual([...offsets].sort((x, y) => x - y));
          }
          // No offset twice, and all committed on stop.
          expect(new Set(a.messages.map((m) => `${m.partition}:${m.offset}`)).size).toBe(30);
          expect(await committed(groupId, topic)).toEqual(ends);

          // A second member of the same group sees only what came after the commit.
          await producer.send(
            topic,
            Array.from({ length: 5 }, (_, i) => ({
              key: `later-${i}`,
              value: JSON.stringify({ n: 100 + i }),
            })),
          );
          const b = await collect(bus, groupId, topic);
          await b.received(5);
          await new Promise((resolve) => setTimeout(resolve, 1_500));
          await b.consumer.stop();
          expect(b.messages.map((m) => JSON.parse(String(m.value)).n).sort()).toEqual([
            100, 101, 102, 103, 104,
          ]);
          expect(await committed(groupId, topic)).toEqual(await endOffsets(topic));
          await producer.close();
        } finally {
          await bus.close();
        }
      });

      it('fails the send of a message larger than Kafka takes, and the producer goes on', async () => {
        const topic = unique(`${tag}-oversized`);
        topicsToDelete.push(topic);
        const bus = createBus(plainConnection());
        try {
          await bus.ensureTopics([{ name: topic, partitions: 1, replicationFactor: 1 }]);
          const producer = await bus.producer();
          // 4 MiB that no compression shrinks below the broker's (and librdkafka's) 1 MiB message limit.
          const oversized = { key: 'k', value: randomBytes(3 * 1024 * 1024).toString('base64') };
          await expect(producer.send(topic, [{ key: 'k', value: 'before' }, oversized])).rejects.toThrow();
          await producer.send(topic, [{ key: 'k', value: 'after' }]);
          await producer.close();
          const got = await collect(bus, unique(`${tag}-oversized-group`), topic);
          await got.received(1);
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await got.consumer.stop();
          const values = got.messages.map((m) => String(m.value));
          expect(values).toContain('after');
          expect(values.every((v) => v.length < 100)).toBe(true);
        } finally {
          await bus.close();
        }
      });

      it('leaves a batch whose handler fails uncommitted, reports the crash, and delivers the batch again', async () => {
        const topic = unique(`${tag}-crash`);
        const groupId = unique(`${tag}-crash-group`);
        topicsToDelete.push(topic);
        const bus = createBus(plainConnection());
        try {
          await bus.ensureTopics([{ name: topic, partitions: 1, replicationFactor: 1 }]);
          const producer = await bus.producer();
          await producer.send(
            topic,
            Array.from({ length: 10 }, (_, i) => ({ key: null, value: `m${i}` })),
          );
          await producer.close();

          const handled: string[] = [];
          const crash = new Promise<Error>((resolve) => {
            void bus.subscribe({
              groupId,
              topics: [topic],
              fromBeginning: true,
              eachBatch: async (batch) => {
                handled.push(...batch.messages.map((m) => String(m.value)));
                throw new Error('downstream refused the batch');
              },
              onCrash: resolve,
            });
          });
          const error = await crash;
          expect(error.message).toBe('downstream refused the batch');
          expect(handled[0]).toBe('m0');
          // Nothing committed: the crashed member left the group without committing.
          expect([...(await committed(groupId, topic)).values()]).toEqual([-1]);

          const again = await collect(bus, groupId, topic);
          await again.received(10);
          await again.consumer.stop();
          expect(again.messages.map((m) => String(m.value))).toEqual(
            Array.from({ length: 10 }, (_, i) => `m${i}`),
          );
          expect(again.messages[0]?.offset).toBe('0');
          expect(await committed(groupId, topic)).toEqual(new Map([[0, 10]]));
        } finally {
          await bus.close();
        }
      });
    });

    describe('rebalancing', () => {
      it('loses nothing when a member joins mid-stream and another leaves', async () => {
        const topic = unique(`${tag}-rebalance`);
        const groupId = unique(`${tag}-rebalance-group`);
        topicsToDelete.push(topic);
        const total = 4_000;
        const bus = createBus(plainConnection());
        try {
          await bus.ensureTopics([{ name: topic, partitions: 4, replicationFactor: 1 }]);
          const producer = await bus.producer();
          for (let i = 0; i < total; i += 500) {
            await producer.send(
              topic,
              Array.from({ length: 500 }, (_, j) => ({ key: `k${i + j}`, value: String(i + j) })),
            );
          }
          await producer.close();

          const finished = new Map<string, number>();
          const crashes: Error[] = [];
          // Slow handlers (1 ms a message), so the group rebalances while batches are in progress.
          const member = (): Promise<BusConsumer> =>
            bus.subscribe({
              groupId,
              topics: [topic],
              fromBeginning: true,
              eachBatch: async (batch) => {
                await new Promise((resolve) => setTimeout(resolve, batch.messages.length));
                for (const m of batch.messages) {
                  const id = `${m.partition}:${m.offset}`;
                  finished.set(id, (finished.get(id) ?? 0) + 1);
                }
              },
              onCrash: (error) => crashes.push(error),
            });
          const until = async (done: () => boolean): Promise<void> => {
            const deadline = Date.now() + 90_000;
            while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
          };
          const first = await member();
          await until(() => finished.size >= 500);
          const second = await member();
          await until(() => finished.size >= 2_500);
          await first.stop();
          await until(() => finished.size >= total);
          await second.stop();

          expect(crashes).toEqual([]);
          expect(finished.size).toBe(total);
          expect(await committed(groupId, topic)).toEqual(await endOffsets(topic));
        } finally {
          await bus.close();
        }
      });
    });

    describeWithAuthListeners('on SASL and TLS listeners', (listeners) => {
      /** One message through topic creation, the producer and a consumer group on the given connection. */
      async function roundTrip(connection: KafkaConnection): Promise<void> {
        const topic = unique(`${tag}-auth`);
        topicsToDelete.push(topic);
        const bus = createBus(connection);
        try {
          await bus.ensureTopics([{ name: topic, partitions: 1, replicationFactor: 1 }]);
          const producer = await bus.producer();
          await producer.send(topic, [{ key: 'k', value: 'over an authenticated connection' }]);
          await producer.close();
          const got = await collect(bus, unique(`${tag}-auth-group`), topic);
          await got.received(1);
          await got.consumer.stop();
          expect(String(got.messages[0]?.value)).toBe('over an authenticated connection');
        } finally {
          await bus.close();
        }
      }

      describe('on authenticated listeners', () => {
        test.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)('SASL %s', async (mechanism) => {
          await roundTrip({
            brokers: listeners.saslBrokers,
            clientId: 'tripline-test',
            compression: 'gzip',
            sasl: { mechanism, username: listeners.username, password: new Secret(listeners.password) },
          });
        });

        test('SASL with a wrong password is refused', async () => {
          const bus = createBus({
            brokers: listeners.saslBrokers,
            clientId: 'tripline-test',
            compression: 'none',
            sasl: { mechanism: 'scram-sha-256', username: listeners.username, password: new Secret('wrong') },
          });
          try {
            await expect(bus.producer()).rejects.toThrow();
          } finally {
            await bus.close();
          }
        });

        test('TLS with the test CA', async () => {
          await roundTrip({
            brokers: listeners.sslBrokers,
            clientId: 'tripline-test',
            compression: 'gzip',
            tls: { ca: readFileSync(listeners.caFile, 'utf8'), rejectUnauthorized: true },
          });
        });
      });
    });
  });
}
