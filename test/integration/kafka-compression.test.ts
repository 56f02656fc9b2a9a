import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createKafkaBus } from '../../src/adapters/kafka/kafka-bus';
import {
  KAFKA_COMPRESSIONS,
  type KafkaClient,
  type KafkaCompression,
} from '../../src/adapters/kafka/kafka-connection';
import type { EventBus, IncomingMessage } from '../../src/ports/event-bus';
import { describeBehindGate } from '../infra/environment-gate';
import { rdkafkaGate } from '../infra/kafka/rdkafka-gate';
import { kafkaBrokers } from './kafka-test-env';

/**
 * Every compression the pipeline offers goes through the real broker (which decompresses record batches
 * to validate them) in both directions between kafkajs and each other client, with three partitions
 * consumed at once:
 * every message arrives intact, and each partition in offset order.
 */
const admin = new Kafka({
  clientId: 'compression-test',
  brokers: kafkaBrokers(),
  logLevel: logLevel.NOTHING,
}).admin();
const topics: string[] = [];
beforeAll(() => admin.connect());
afterAll(async () => {
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

const bus = (client: KafkaClient, compression: KafkaCompression): EventBus =>
  createKafkaBus(
    client,
    { brokers: kafkaBrokers(), clientId: `compression-${client}`, compression },
    () => undefined,
  );

async function roundTrip(compression: KafkaCompression, from: KafkaClient, to: KafkaClient): Promise<void> {
  const topic = `compression-${compression}-${from}-${to}-${randomBytes(3).toString('hex')}`;
  topics.push(topic);
  const producing = bus(from, compression);
  const consuming = bus(to, compression);
  try {
    await producing.ensureTopics([{ name: topic, partitions: 3, replicationFactor: 1 }]);
    const producer = await producing.producer();
    const sent = Array.from({ length: 600 }, (_, i) => ({
      key: `entity-${i % 7}`,
      value: JSON.stringify({ n: i, text: 'x'.repeat(200 + (i % 50)) }),
    }));
    for (let i = 0; i < sent.length; i += 200) await producer.send(topic, sent.slice(i, i + 200));
    await producer.close();

    const received: IncomingMessage[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const consumer = await consuming.subscribe({
      groupId: `${topic}-group`,
      topics: [topic],
      fromBeginning: true,
      concurrentPartitions: 3,
      eachBatch: async (batch) => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        received.push(...batch.messages);
        inFlight--;
      },
    });
    const deadline = Date.now() + 60_000;
    while (received.length < sent.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await consumer.stop();

    expect(received.map((m) => m.value?.toString()).sort()).toEqual(sent.map((m) => m.value).sort());
    for (const partition of [0, 1, 2]) {
      const offsets = received.filter((m) => m.partition === partition).map((m) => BigInt(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(mostInFlight).toBeGreaterThanOrEqual(1);
    expect(mostInFlight).toBeLessThanOrEqual(3);
  } finally {
    await producing.close();
    await consuming.close();
  }
}

describe.each(KAFKA_COMPRESSIONS.map((c) => [c]))('%s record batches', (compression) => {
  it('written by kafkajs are read by @platformatic/kafka', () =>
    roundTrip(compression, 'kafkajs', 'platformatic'));
  it('written by @platformatic/kafka are read by kafkajs', () =>
    roundTrip(compression, 'platformatic', 'kafkajs'));
});

describeBehindGate('librdkafka', rdkafkaGate(), () => {
  describe.each(KAFKA_COMPRESSIONS.map((c) => [c]))('%s record batches', (compression) => {
    it('written by kafkajs are read by librdkafka', () => roundTrip(compression, 'kafkajs', 'rdkafka'));
    it('written by librdkafka are read by kafkajs', () => roundTrip(compression, 'rdkafka', 'kafkajs'));
  });
});
