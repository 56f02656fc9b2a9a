import type { BusConsumer, BusProducer, EventBus, SubscribeOptions, TopicSpec } from '../../ports/event-bus';
import type { KafkaConnection } from './kafka-connection';
import { asError } from './as-error';
import { OpenClients } from './open-clients';
import { connectClient, disconnectClient } from './rdkafka-client';
import { rdkafkaClientConfig, rdkafkaConsumerConfig, rdkafkaProducerConfig } from './rdkafka-config';
import { RdkafkaGroupConsumer } from './rdkafka-consumer';
import { loadRdkafka, type RdkafkaModule, type RdkafkaProducer } from './rdkafka-module';
import { RdkafkaBusProducer } from './rdkafka-producer';

const CREATE_TIMEOUT_MS = 30_000;
const LEADERS_TIMEOUT_MS = 30_000;

/**
 * The event bus on Apache Kafka through librdkafka (node-rdkafka), with the semantics of the other
 * adapters: an idempotent producer (acks from all in-sync replicas, the configured compression) and consumer
 * groups that hand over batches per partition in offset order and commit a batch only after its handler
 * resolved. Compression, checksums and the protocol run in native code on librdkafka's threads, which
 * costs a fraction of the CPU per event of the JavaScript clients (see `npm run bench:pipeline`).
 */
export class RdkafkaBus implements EventBus {
  private readonly rdkafka: RdkafkaModule;
  private readonly clients = new OpenClients<RdkafkaBusProducer, RdkafkaGroupConsumer>();

  /** Throws at once, naming the option, when the optional node-rdkafka addon is not installed. */
  constructor(private readonly connection: KafkaConnection) {
    this.rdkafka = loadRdkafka();
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    if (topics.length === 0) return;
    // The admin client takes no event callbacks: its errors come back from each call.
    const adminConfig = rdkafkaClientConfig(this.connection);
    delete adminConfig['event_cb'];
    const admin = this.rdkafka.AdminClient.create(adminConfig);
    const created: TopicSpec[] = [];
    try {
      for (const topic of topics) {
        const isNew = await new Promise<boolean>((resolve, reject) =>
          admin.createTopic(
            {
              topic: topic.name,
              num_partitions: topic.partitions,
              replication_factor: topic.replicationFactor,
              ...(topic.configs ? { config: { ...topic.configs } } : {}),
            },
            CREATE_TIMEOUT_MS,
            (error) => {
              // Existing topics are left as they are.
              if (!error) resolve(true);
              else if (error.code === this.rdkafka.CODES.ERRORS['ERR_TOPIC_ALREADY_EXISTS']) resolve(false);
              else reject(new Error(`creating topic ${topic.name}: ${asError(error).message}`));
            },
          ),
        );
        if (isNew) created.push(topic);
      }
    } finally {
      admin.disconnect();
    }
    if (created.length > 0) await this.waitForLeaders(created);
  }

  async producer(): Promise<BusProducer> {
    const producer = await RdkafkaBusProducer.connect(
      this.rdkafka,
      rdkafkaProducerConfig(this.connection),
      () => this.clients.forgetProducer(producer),
    );
    return this.clients.addProducer(producer);
  }

  async subscribe(options: SubscribeOptions): Promise<BusConsumer> {
    const consumer = new RdkafkaGroupConsumer(
      this.rdkafka,
      rdkafkaConsumerConfig(this.connection, options.groupId),
      options,
    );
    await consumer.start();
    return this.clients.addConsumer(consumer);
  }

  close(): Promise<void> {
    return this.clients.closeAll();
  }

  /** Polls the metadata until every partition of the new topics has a leader, as the other adapters do. */
  private async waitForLeaders(topics: readonly TopicSpec[]): Promise<void> {
    const client: RdkafkaProducer = new this.rdkafka.Producer(rdkafkaClientConfig(this.connection));
    await connectClient(client);
    const deadline = Date.now() + LEADERS_TIMEOUT_MS;
    try {
      for (const topic of topics) {
        while (!(await hasLeaders(client, topic))) {
          if (Date.now() > deadline) throw new Error(`topic ${topic.name} has no leader after 30 s`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await disconnectClient(client);
    }
  }
}

function hasLeaders(client: RdkafkaProducer, topic: TopicSpec): Promise<boolean> {
  return new Promise((resolve) =>
    client.getMetadata({ topic: topic.name, timeout: 5_000 }, (error, metadata) => {
      const found = metadata?.topics.find((t) => t.name === topic.name);
      resolve(
        !error &&
          found !== undefined &&
          found.partitions.length >= topic.partitions &&
          found.partitions.every((p) => p.leader >= 0),
      );
    }),
  );
}
