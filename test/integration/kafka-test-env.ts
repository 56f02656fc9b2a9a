import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';
import { configSchema } from '../../src/config/config-schema';
import type { TriplineConfig } from '../../src/config/load-config';
import { Secret } from '../../src/config/secret';
import type { KafkaConnection } from '../../src/adapters/kafka/kafka-connection';

const ROOT = join(__dirname, '..', '..');

/** The broker the test harness started (or the one given in KAFKA_BROKERS). */
export function kafkaBrokers(): string[] {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: the integration project needs its globalSetup (test/infra)');
  return brokers.split(',');
}

export function plainConnection(): KafkaConnection {
  return { brokers: kafkaBrokers(), clientId: 'tripline-test', compression: 'gzip' };
}

/** Topic and group names unique to one test, so tests never see each other's messages. */
export function uniqueTopics(prefix: string): {
  events: string;
  alerts: string;
  deadletter: string;
  suffix: string;
} {
  const suffix = `${prefix}-${randomBytes(4).toString('hex')}`;
  return { events: `events-${suffix}`, alerts: `alerts-${suffix}`, deadletter: `dl-${suffix}`, suffix };
}

/**
 * Reads a topic from the beginning until `done` says enough has arrived (or the deadline passes), and
 * returns every message value as text with its key.
 */
export async function readTopic(
  topic: string,
  done: (messages: { key: string | null; value: string }[]) => boolean,
  timeoutMs = 120_000,
): Promise<{ key: string | null; value: string }[]> {
  const kafka = new Kafka({
    clientId: 'tripline-test-reader',
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  const messages: { key: string | null; value: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let resolveDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (resolveDone = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const m of batch.messages)
        messages.push({ key: m.key?.toString() ?? null, value: m.value?.toString() ?? '' });
      if (done(messages)) resolveDone();
    },
  });
  const timer = setTimeout(resolveDone, timeoutMs);
  await finished;
  clearTimeout(timer);
  await consumer.disconnect();
  return messages;
}

export { Secret };

/**
 * A pipeline configuration on the test broker: the given connectors, the bundled rules, the test's own
 * topics and detector group.
 */
export function kafkaPipelineConfig(
  topics: ReturnType<typeof uniqueTopics>,
  connectors: unknown[],
  partitions: number,
): TriplineConfig {
  const raw = configSchema.parse({
    topics: { events: topics.events, alerts: topics.alerts, deadletter: topics.deadletter, partitions },
    connectors,
    detector: { rules: [join(ROOT, 'detections')], hot_reload: false, group_id: `detector-${topics.suffix}` },
  });
  return { ...raw, kafka: plainConnection(), elasticsearch: undefined, file: 'test' };
}
