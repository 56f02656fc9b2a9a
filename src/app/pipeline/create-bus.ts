import { MemoryBus } from '../../adapters/embedded/memory-bus';
import { createKafkaBus } from '../../adapters/kafka/kafka-bus';
import type { TriplineConfig } from '../../config/load-config';
import type { EventBus } from '../../ports/event-bus';

/** Kafka when the config names brokers; otherwise the in-process bus of embedded mode. */
export function createBus(config: TriplineConfig, log?: (line: string) => void): EventBus {
  if (config.kafka) return createKafkaBus(config.kafkaClient ?? 'kafkajs', config.kafka, log);
  return new MemoryBus(config.topics.partitions);
}
