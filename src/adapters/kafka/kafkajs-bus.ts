import { CompressionTypes, Kafka, logLevel, Partitioners, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type {
  BusConsumer,
  BusProducer,
  EventBus,
  IncomingMessage,
  SubscribeOptions,
  TopicSpec,
} from '../../ports/event-bus';
import { DEFAULT_FETCH, GROUP_MEMBER, type KafkaCompression, type KafkaConnection } from './kafka-connection';
import { OpenClients } from './open-clients';
import { registerKafkajsCodecs } from './kafkajs-codecs';

registerKafkajsCodecs();

const COMPRESSION_TYPES: Readonly<Record<KafkaCompression, CompressionTypes>> = {
  lz4: CompressionTypes.LZ4,
  snappy: CompressionTypes.Snappy,
  gzip: CompressionTypes.GZIP,
  none: CompressionTypes.None,
};

/** The event bus on Apache Kafka through kafkajs. */
export class KafkajsBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly clients = new OpenClients<BusProducer, { stop(): Promise<void> }>();

  /** `log` receives the client's warnings and errors as one line each (never credentials: kafkajs does not log them). */
  constructor(
    private readonly connection: KafkaConnection,
    log: (line: string) => void = (line) => void process.stderr.write(`${line}\n`),
  ) {
    this.kafka = new Kafka({
      ...kafkajsConfig(connection),
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => log(`kafka ${entry.namespace}: ${entry.log.message}`),
    });
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  async producer(): Promise<BusProducer> {
    // Idempotent: the broker drops duplicates of a retried batch, so a retry never doubles a message.
    // The default (murmur2) partitioner puts a key on the same partition as Java clients and the in-process bus.
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const compression = COMPRESSION_TYPES[this.connection.compression];
    const busProducer: BusProducer = {
      send: async (topic, messages) => {
        if (messages.length === 0) return;
        await producer.send({
          topic,
          acks: -1,
          compression,
          messages: messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        });
      },
      close: async () => {
        this.clients.forgetProducer(busProducer);
        await producer.disconnect();
      },
    };
    return this.clients.addProducer(busProducer);
  }

  async subscribe(options: SubscribeOptions): Promise<BusConsumer> {
    const fetch = this.connection.fetch ?? DEFAULT_FETCH;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      maxBytesPerPartition: GROUP_MEMBER.maxBytesPerPartition,
      minBytes: fetch.minBytes,
      maxWaitTimeInMs: fetch.maxWaitMs,
      sessionTimeout: GROUP_MEMBER.sessionTimeoutMs,
      heartbeatInterval: GROUP_MEMBER.heartbeatIntervalMs,
    });
    await consumer.connect();
    // Registered before it runs, so closing the bus disconnects it even if subscribing fails.
    const handle = this.clients.addConsumer({ stop: () => consumer.disconnect() });
    for (const topic of options.topics) {
      await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
    }
    if (options.onCrash) {
      const onCrash = options.onCrash;
      consumer.on(consumer.events.CRASH, (event) => onCrash(event.payload.error));
    }
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: options.concurrentPartitions ?? 1,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, isRunning, isStale, resolveOffset, heartbeat }) => {
        if (!isRunning() || isStale() || batch.messages.length === 0) return;
        const messages: IncomingMessage[] = batch.messages.map((m) => ({
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          key: m.key,
          value: m.value,
          headers: headersOf(m.headers),
          timestamp: Number(m.timestamp),
        }));
        await options.eachBatch({ topic: batch.topic, partition: batch.partition, messages });
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        // Without auto-resolve, kafkajs fetches from the last resolved offset: resolve, or the batch comes again.
        resolveOffset(batch.lastOffset());
        await heartbeat();
      },
    });
    return handle;
  }

  close(): Promise<void> {
    return this.clients.closeAll();
  }
}

function kafkajsConfig(connection: KafkaConnection): KafkaConfig {
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: [...connection.brokers],
    retry: { initialRetryTime: 300, retries: 8 },
  };
  if (connection.tls) {
    config.ssl = {
      rejectUnauthorized: connection.tls.rejectUnauthorized,
      ...(connection.tls.ca ? { ca: [connection.tls.ca] } : {}),
      ...(connection.tls.cert ? { cert: connection.tls.cert } : {}),
      ...(connection.tls.key ? { key: connection.tls.key.reveal() } : {}),
    };
  }
  if (connection.sasl) {
    config.sasl = {
      mechanism: connection.sasl.mechanism,
      username: connection.sasl.username,
      password: connection.sasl.password.reveal(),
    } as SASLOptions;
  }
  return config;
}

function headersOf(headers: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (Buffer.isBuffer(value)) out[name] = value.toString('utf8');
    else if (typeof value === 'string') out[name] = value;
  }
  return out;
}
