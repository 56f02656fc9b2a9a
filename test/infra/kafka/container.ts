import { freePorts } from '../free-port';
import { kafkaVersion, waitForKafka } from './ready';

/**
 * Kafka in a container (developer machines with a Docker engine), the official `apache/kafka` image at the
 * version pinned in pom.xml. Plaintext only: the SASL/SSL listeners exist only on the local JVM broker.
 * The host port equals the container port so the advertised listener is known before start; a second
 * listener (BROKER) serves inter-broker traffic inside the container. Not exercised on CI (no engine there).
 */
export interface KafkaContainer {
  env: Record<string, string>;
  containerId: string;
  stop(): Promise<void>;
}

export async function startKafkaContainer(host: string): Promise<KafkaContainer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  const container = await new GenericContainer(`apache/kafka:${kafkaVersion()}`)
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      CLUSTER_ID: '4L6g3nShT-eMCtK--X86sw',
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},BROKER://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${host}:${port},BROKER://localhost:9092`,
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_NUM_PARTITIONS: '1',
      KAFKA_HEAP_OPTS: '-Xms512m -Xmx512m',
    })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .withStartupTimeout(180_000)
    .start();
  const brokers = `${host}:${port}`;
  try {
    await waitForKafka(brokers, { timeoutMs: 60_000 });
  } catch (error) {
    await container.stop();
    throw error;
  }
  return {
    env: { KAFKA_BROKERS: brokers },
    containerId: container.getId(),
    stop: async () => {
      await container.stop();
    },
  };
}
