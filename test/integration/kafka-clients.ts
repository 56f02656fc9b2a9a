import { KAFKA_CLIENTS, type KafkaClient } from '../../src/adapters/kafka/kafka-connection';
import type { Gate } from '../infra/environment-gate';
import { rdkafkaGate } from '../infra/kafka/rdkafka-gate';

/** Every Kafka client the config offers, each behind its gate: rdkafka where its optional addon is built. */
export function kafkaClientGates(): { client: KafkaClient; gate: Gate<true> }[] {
  return KAFKA_CLIENTS.map((client) => ({
    client,
    gate: client === 'rdkafka' ? rdkafkaGate() : { available: true, value: true },
  }));
}
