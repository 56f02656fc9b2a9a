import type { EventBus } from '../../ports/event-bus';
import type { KafkaClient, KafkaConnection } from './kafka-connection';
import { KafkajsBus } from './kafkajs-bus';
import { PlatformaticBus } from './platformatic-bus';

/** The EventBus on Kafka through the chosen client library. */
export function createKafkaBus(
  client: KafkaClient,
  connection: KafkaConnection,
  log?: (line: string) => void,
): EventBus {
  return client === 'platformatic' ? new PlatformaticBus(connection) : new KafkajsBus(connection, log);
}
