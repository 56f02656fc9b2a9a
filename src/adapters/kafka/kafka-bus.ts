import type { EventBus } from '../../ports/event-bus';
import type { KafkaClient, KafkaConnection } from './kafka-connection';
import { KafkajsBus } from './kafkajs-bus';
import { PlatformaticBus } from './platformatic-bus';
import { RdkafkaBus } from './rdkafka-bus';

/** The EventBus on Kafka through the chosen client library. */
export function createKafkaBus(
  client: KafkaClient,
  connection: KafkaConnection,
  log?: (line: string) => void,
): EventBus {
  switch (client) {
    case 'platformatic':
      return new PlatformaticBus(connection);
    case 'rdkafka':
      return new RdkafkaBus(connection);
    case 'kafkajs':
      return new KafkajsBus(connection, log);
  }
}
