import {
  Admin,
  compatibilityPartitioner,
  Consumer,
  MessagesStreamFallbackModes,
  MessagesStreamModes,
  ProduceAcks,
  Producer,
  stringDeserializer,
  stringSerializer,
  type BaseOptions,
  type ConsumeOptions,
  type Message,
  type MessagesStream,
  type MessageToProduce,
  type SASLOptions,
} from '@platformatic/kafka';
import { inLanes } from '../../core/async/in-lanes';
import type {
  BusConsumer,
  BusProducer,
  EventBus,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  TopicSpec,
} from '../../ports/event-bus';
import { DEFAULT_FETCH, GROUP_MEMBER, type KafkaConnection } from './kafka-connection';
import { asError } from './as-error';
import { OpenClients } from './open-clients';
import { partitionBatches, type PartitionBatch } from './partition-batches';

/** Keys and values travel as bytes, header names and values as UTF-8 text (as in the kafkajs adapter). */
type KafkaProducer = Producer<Buffer, Buffer, string, string>;
type KafkaConsumer = Consumer<Buffer, Buffer, string, string>;
type KafkaMessage = Message<Buffer, Buffer, string, string>;
type KafkaStream = MessagesStream<Buffer, Buffer, string, string>;

/**
 * Sends waiting behind the one in flight are merged into one request while their values stay under this
 * many bytes, so a merged request never holds a record batch larger than a lone send would.
 */
const MAX_MERGED_BYTES = 1024 * 1024;

/**
 * The event bus on Apache Kafka through @platformatic/kafka, with the semantics of the kafkajs adapter:
 * an idempotent producer (acks from all in-sync replicas, the configured compression) and consumer groups
 * that hand over batches per partition in offset order and commit a batch only after its handler resolved.
 *
 * Two defects of @platformatic/kafka 1.x are worked around here (see SerialProducer below): concurrent
 * `send()` calls of one idempotent producer reuse a sequence number, so the broker drops all but one as
 * duplicates while every call resolves (platformatic/kafka#326); and a failed send leaves the producer on
 * a sequence the broker no longer accepts (platformatic/kafka#309).
 */
export class PlatformaticBus implements EventBus {
  private readonly clients = new OpenClients<SerialProducer, GroupConsumer>();

  constructor(private readonly connection: KafkaConnection) {}

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    if (topics.length === 0) return;
    const admin = new Admin(clientOptions(this.connection));
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      for (const topic of missing) {
        try {
          await admin.createTopics({
            topics: [topic.name],
            partitions: topic.partitions,
            replicas: topic.replicationFactor,
            configs: Object.entries(topic.configs ?? {}).map(([name, value]) => ({ name, value })),
          });
        } catch (error) {
          // Another client created it in the meantime: "existing topics are left as they are".
          if (!hasProtocolError(error, 'TOPIC_ALREADY_EXISTS')) throw error;
        }
      }
      if (missing.length > 0) await waitForLeaders(admin, missing);
    } finally {
      await admin.close();
    }
  }

  async producer(): Promise<BusProducer> {
    const producer: KafkaProducer = new Producer({
      ...clientOptions(this.connection),
      // Idempotent: the broker drops duplicates of a retried batch, so a retry never doubles a message.
      idempotent: true,
      acks: ProduceAcks.ALL,
      compression: this.connection.compression,
      // Same partitions as kafkajs' (and Java's) default partitioner for keyed messages.
      partitioner: roundRobinWithoutKey(),
      serializers: { headerKey: stringSerializer, headerValue: stringSerializer },
    });
    // Connects and fetches the producer id now, so a broken connection fails here and not on a first send.
    try {
      await producer.initIdempotentProducer({});
    } catch (error) {
      await producer.close().catch(() => undefined);
      throw error;
    }
    const serial = new SerialProducer(producer, () => this.clients.forgetProducer(serial));
    return this.clients.addProducer(serial);
  }

  async subscribe(options: SubscribeOptions): Promise<BusConsumer> {
    const consumer = new GroupConsumer(this.connection, options);
    await consumer.start();
    return this.clients.addConsumer(consumer);
  }

  close(): Promise<void> {
    return this.clients.closeAll();
  }
}

interface PendingSend {
  messages: MessageToProduce<Buffer, Buffer, string, string>[];
  bytes: number;
  resolve(): void;
  reject(error: Error): void;
}

/**
 * One produce request at a time per producer. Sends made while one is in flight wait and are then merged
 * into one request; each caller's promise settles with the request that carried its messages. This is what
 * keeps the idempotent producer correct (platformatic/kafka#326: concurrent requests reuse a sequence number
 * and the broker silently drops them), and it costs little because the waiting sends share one round trip.
 * After a failed send the producer takes a new producer id before the next one (platformatic/kafka#309).
 */
class SerialProducer implements BusProducer {
  private readonly queue: PendingSend[] = [];
  private inFlight: Promise<void> | undefined;
  private resetNeeded = false;
  private closed = false;

  constructor(
    private readonly producer: KafkaProducer,
    private readonly onClose: () => void,
  ) {}

  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new Error('the producer is closed'));
    let bytes = 0;
    const records = messages.map((m) => {
      const value = Buffer.isBuffer(m.value) ? m.value : Buffer.from(m.value);
      bytes += value.length;
      return {
        topic,
        key: m.key === null ? undefined : Buffer.from(m.key),
        value,
        ...(m.headers ? { headers: { ...m.headers } } : {}),
      };
    });
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ messages: records, bytes, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    while (this.inFlight) await this.inFlight;
    await this.producer.close();
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const group: PendingSend[] = [this.queue.shift() as PendingSend];
    let bytes = group[0]?.bytes ?? 0;
    while (this.queue.length > 0 && bytes + (this.queue[0] as PendingSend).bytes <= MAX_MERGED_BYTES) {
      const next = this.queue.shift() as PendingSend;
      bytes += next.bytes;
      group.push(next);
    }
    this.inFlight = this.flush(group).finally(() => {
      this.inFlight = undefined;
      this.pump();
    });
  }

  private async flush(group: readonly PendingSend[]): Promise<void> {
    try {
      if (this.resetNeeded) {
        await this.producer.initIdempotentProducer({});
        this.resetNeeded = false;
      }
      // One send is one request, as with kafkajs; merged sends stay under MAX_MERGED_BYTES (see pump).
      const messages = group.length === 1 ? group[0]!.messages : group.flatMap((s) => s.messages);
      await this.producer.send({ messages });
      for (const send of group) send.resolve();
    } catch (error) {
      this.resetNeeded = true;
      const failure = asError(error);
      for (const send of group) send.reject(failure);
    }
  }
}

/**
 * One subscription: a consumer group member whose messages stream is read in bursts. Each burst (what the
 * stream holds at that moment, at most a fetch or two) is split per partition; each partition's batch is
 * handed to `eachBatch` and committed once it resolves, before the next batch is handed over.
 *
 * A stream lives for one group generation. After a rebalance the stream is replaced by a new one that starts
 * from the committed offsets, and messages still buffered from the previous generation are dropped (they are
 * not committed, so whichever member owns their partition now receives them again).
 */
class GroupConsumer {
  private readonly consumer: KafkaConsumer;
  private stream: KafkaStream | undefined;
  private generation = -1;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private failure: Error | undefined;
  private stopping: Promise<void> | undefined;

  constructor(
    connection: KafkaConnection,
    private readonly options: SubscribeOptions,
  ) {
    const fetch = connection.fetch ?? DEFAULT_FETCH;
    this.consumer = new Consumer({
      ...clientOptions(connection),
      groupId: options.groupId,
      autocommit: false,
      sessionTimeout: GROUP_MEMBER.sessionTimeoutMs,
      rebalanceTimeout: 60_000,
      heartbeatInterval: GROUP_MEMBER.heartbeatIntervalMs,
      maxBytesPerPartition: GROUP_MEMBER.maxBytesPerPartition,
      minBytes: fetch.minBytes,
      maxWaitTime: fetch.maxWaitMs,
      deserializers: { headerKey: stringDeserializer, headerValue: stringDeserializer },
    });
    // Without a listener an 'error' event would throw; the library emits one when a rejoin fails for good.
    this.consumer.on('error', (error: Error) => this.fail(error));
    this.consumer.on('consumer:group:join', () => this.wake?.());
  }

  async start(): Promise<void> {
    try {
      this.stream = await this.openStream();
    } catch (error) {
      await this.leave();
      throw error;
    }
    this.running = true;
    this.loop = this.run();
  }

  /** Stops fetching, waits for the batch in progress (and its commit) and leaves the group. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.running = false;
      this.wake?.();
      await this.loop;
      await this.closeStream(this.stream);
      await this.leave();
    })();
    return this.stopping;
  }

  private async openStream(): Promise<KafkaStream> {
    const options: ConsumeOptions<Buffer, Buffer, string, string> = {
      topics: [...this.options.topics],
      mode: MessagesStreamModes.COMMITTED,
      fallbackMode: this.options.fromBeginning
        ? MessagesStreamFallbackModes.EARLIEST
        : MessagesStreamFallbackModes.LATEST,
      autocommit: false,
      sessionTimeout: GROUP_MEMBER.sessionTimeoutMs,
      rebalanceTimeout: 60_000,
      heartbeatInterval: GROUP_MEMBER.heartbeatIntervalMs,
    };
    // The first call joins the group; the stream then belongs to the generation the consumer is in.
    const stream = await this.consumer.consume(options);
    this.generation = this.consumer.generationId;
    stream.on('readable', () => this.wake?.());
    stream.on('error', (error: Error) => this.fail(error));
    stream.on('close', () => this.wake?.());
    return stream;
  }

  private async closeStream(stream: KafkaStream | undefined): Promise<void> {
    if (!stream) return;
    stream.removeAllListeners('readable');
    stream.removeAllListeners('error');
    stream.removeAllListeners('close');
    // What a stream that is going away reports is of no interest any more (but must not throw).
    stream.on('error', () => undefined);
    await stream.close().catch(() => undefined);
  }

  private async run(): Promise<void> {
    try {
      while (this.running) {
        if (this.failure) throw this.failure;
        if (this.consumer.generationId !== this.generation) {
          // Opened before the old one is closed, so the topics stay subscribed and no extra rejoin happens.
          const previous = this.stream;
          this.stream = await this.openStream();
          await this.closeStream(previous);
          continue;
        }
        const stream = this.stream as KafkaStream;
        const burst = readAvailable(stream);
        if (burst.length === 0) {
          if (stream.destroyed || stream.readableEnded) {
            if (this.failure) throw this.failure;
            if (this.running) throw new Error('the Kafka message stream ended');
            return;
          }
          await this.idle();
          continue;
        }
        // A burst holds at most one batch per partition, so handling its batches side by side keeps each
        // partition in order.
        const batches = partitionBatches(burst, (m) => m.offset, incoming);
        await inLanes(batches, this.options.concurrentPartitions ?? 1, (batch) => this.handle(batch));
      }
    } catch (error) {
      const failure = asError(error);
      this.running = false;
      await this.closeStream(this.stream);
      await this.leave();
      this.options.onCrash?.(failure);
    }
  }

  /** Hands one partition's batch over and commits it, unless the group moved on meanwhile. */
  private async handle(batch: PartitionBatch<KafkaMessage>): Promise<void> {
    if (!this.running || this.consumer.generationId !== this.generation) return;
    if (this.failure) throw this.failure;
    if (!this.isAssigned(batch.topic, batch.partition)) return;
    await this.options.eachBatch(batch.batch);
    // A rebalance while the batch ran may have moved the partition to another member: its offsets are
    // then left to that member (which receives the batch again) rather than committed from here.
    const moved =
      this.consumer.generationId !== this.generation && !this.isAssigned(batch.topic, batch.partition);
    if (!moved) await this.commit(batch.last);
  }

  /** Closes the streams and leaves the group; errors are of no use at that point. */
  private leave(): Promise<void> {
    return new Promise<void>((resolve) => this.consumer.close(true, () => resolve()));
  }

  private async commit(last: KafkaMessage): Promise<void> {
    try {
      await last.commit();
    } catch (error) {
      // A rebalance made the commit stale: the batch is not committed and its partition's owner gets it
      // again (at least once). Anything else stops the consumer, as in the kafkajs adapter.
      if (!hasRebalanceError(error)) throw error;
    }
  }

  private isAssigned(topic: string, partition: number): boolean {
    const assignments = this.consumer.assignments ?? [];
    return assignments.some((a) => a.topic === topic && a.partitions.includes(partition));
  }

  private idle(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, 1_000);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private fail(error: Error): void {
    this.failure ??= asError(error);
    this.wake?.();
  }
}

/** Everything the stream holds right now, without waiting. */
function readAvailable(stream: KafkaStream): KafkaMessage[] {
  const out: KafkaMessage[] = [];
  for (;;) {
    const message = stream.read() as KafkaMessage | null;
    if (message === null) return out;
    out.push(message);
  }
}

function incoming(message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of message.headers) {
    if (typeof name === 'string' && typeof value === 'string') headers[name] = value;
  }
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset.toString(),
    key: message.key ?? null,
    value: message.value ?? null,
    headers,
    timestamp: Number(message.timestamp),
  };
}

function clientOptions(connection: KafkaConnection): BaseOptions {
  const options: BaseOptions = {
    clientId: connection.clientId,
    bootstrapBrokers: [...connection.brokers],
    // As the kafkajs adapter: 8 retries, 300 ms apart.
    retries: 8,
    retryDelay: 300,
  };
  if (connection.tls) {
    const { tls } = connection;
    options.tls = {
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert ? { cert: tls.cert } : {}),
      ...(tls.key ? { key: tls.key.reveal() } : {}),
    };
  }
  if (connection.sasl) {
    const { sasl } = connection;
    const mechanism: SASLOptions['mechanism'] =
      sasl.mechanism === 'plain'
        ? 'PLAIN'
        : sasl.mechanism === 'scram-sha-256'
          ? 'SCRAM-SHA-256'
          : 'SCRAM-SHA-512';
    // A provider: the password is revealed when a connection authenticates, not kept in the options.
    options.sasl = { mechanism, username: sasl.username, password: () => sasl.password.reveal() };
  }
  return options;
}

/** Keyed messages as kafkajs' default partitioner places them (murmur2, Java-compatible); the others round-robin. */
function roundRobinWithoutKey(): (
  message: MessageToProduce<Buffer, Buffer, string, string>,
  key: Buffer | undefined,
) => number {
  let next = 0;
  return (message, key) => {
    if (key !== undefined && key.length > 0) return compatibilityPartitioner(message, key);
    next = (next + 1) & 0x7fffffff;
    return next;
  };
}

/** Polls the metadata until every partition of the new topics has a leader (kafkajs' `waitForLeaders`). */
async function waitForLeaders(admin: Admin, topics: readonly TopicSpec[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await admin
      .metadata({ topics: topics.map((t) => t.name), forceUpdate: true })
      .then((metadata) =>
        topics.every((t) => {
          const topic = metadata.topics.get(t.name);
          return (
            topic !== undefined &&
            topic.partitionsCount >= t.partitions &&
            topic.partitions.every((p) => p !== undefined && p.leader >= 0)
          );
        }),
      )
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline)
      throw new Error(`topics have no leader after 30 s: ${topics.map((t) => t.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function hasProtocolError(error: unknown, id: string): boolean {
  const findBy = (error as { findBy?: (property: string, value: unknown) => unknown } | null)?.findBy;
  return typeof findBy === 'function' && findBy.call(error, 'apiId', id) != null;
}

function hasRebalanceError(error: unknown): boolean {
  const findBy = (error as { findBy?: (property: string, value: unknown) => unknown } | null)?.findBy;
  return typeof findBy === 'function' && findBy.call(error, 'needsRejoin', true) != null;
}
