import { inLanes } from '../../core/async/in-lanes';
import type { IncomingMessage, SubscribeOptions } from '../../ports/event-bus';
import { partitionBatches, type PartitionBatch } from './partition-batches';
import type {
  RdkafkaConfig,
  RdkafkaConsumer,
  RdkafkaError,
  RdkafkaMessage,
  RdkafkaModule,
  RdkafkaTopicPartitionOffset,
} from './rdkafka-module';
import { asError } from './as-error';
import { connectClient, disconnectClient } from './rdkafka-client';

/** Messages taken from librdkafka's queue per round: up to a few batches per partition. */
const MAX_MESSAGES_PER_ROUND = 2_000;
/**
 * A round ends when librdkafka has had no further message for this long, so a quiet stream hands over
 * what it has after this delay at most (and an idle consumer polls this often, on a libuv worker thread).
 */
const CONSUME_WAIT_MS = 20;

/**
 * One subscription on librdkafka: a consumer group member that takes what librdkafka has fetched in rounds,
 * splits each round per partition, hands the partitions' batches to `eachBatch` (up to
 * `concurrentPartitions` at once, each partition in offset order) and commits a batch's next offset only
 * after its handler resolved. Auto-commit is off: nothing is committed that was not handled.
 *
 * After a rebalance librdkafka fetches newly assigned partitions from their committed offsets; a batch of
 * a partition that moved away while it ran is not committed from here (its new owner receives it again).
 */
export class RdkafkaGroupConsumer {
  private readonly consumer: RdkafkaConsumer;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private stopping: Promise<void> | undefined;
  /** The next offset to commit per handled partition, for the final synchronous commit on stop. */
  private readonly handled = new Map<string, RdkafkaTopicPartitionOffset>();

  constructor(
    private readonly rdkafka: RdkafkaModule,
    config: RdkafkaConfig,
    private readonly options: SubscribeOptions,
  ) {
    this.consumer = new rdkafka.KafkaConsumer(config, {
      'auto.offset.reset': options.fromBeginning ? 'earliest' : 'latest',
    });
    this.consumer.on('event.error', (error: RdkafkaError) => {
      if (error.isFatal) this.failure ??= asError(error);
    });
  }

  async start(): Promise<void> {
    await connectClient(this.consumer);
    this.consumer.setDefaultConsumeTimeout(CONSUME_WAIT_MS);
    this.consumer.subscribe([...this.options.topics]);
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking messages, waits for the batches in progress, commits them and leaves the group. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.running = false;
      await this.loop;
      await this.leave(true);
    })();
    return this.stopping;
  }

  private async run(): Promise<void> {
    try {
      while (this.running) {
        if (this.failure) throw this.failure;
        const messages = await this.consumeRound();
        if (messages.length === 0) continue;
        const batches = partitionBatches(messages, (m) => BigInt(m.offset), incoming);
        await inLanes(batches, this.options.concurrentPartitions ?? 1, (batch) => this.handle(batch));
      }
    } catch (error) {
      this.running = false;
      await this.leave(false);
      this.options.onCrash?.(asError(error));
    }
  }

  /** What librdkafka has fetched, up to a round's worth; errors it recovers from by itself give an empty round. */
  private consumeRound(): Promise<RdkafkaMessage[]> {
    return new Promise((resolve, reject) => {
      this.consumer.consume(MAX_MESSAGES_PER_ROUND, (error: RdkafkaError | null, messages) => {
        if (!error) return resolve(messages);
        if (error.isFatal) return reject(asError(error));
        // A broker going away or a topic not there yet: librdkafka retries; try again a little later.
        setTimeout(() => resolve([]), CONSUME_WAIT_MS);
      });
    });
  }

  private async handle(batch: PartitionBatch<RdkafkaMessage>): Promise<void> {
    if (!this.running || !this.isAssigned(batch.topic, batch.partition)) return;
    await this.options.eachBatch(batch.batch);
    if (!this.isAssigned(batch.topic, batch.partition)) return;
    const next = { topic: batch.topic, partition: batch.partition, offset: batch.last.offset + 1 };
    this.handled.set(`${batch.topic}\u0000${batch.partition}`, next);
    this.consumer.commit([next]);
  }

  /** Commits what was handled (when stopping cleanly) and leaves the group; errors are of no use then. */
  private async leave(commitHandled: boolean): Promise<void> {
    if (commitHandled && this.handled.size > 0) {
      const assigned = [...this.handled.values()].filter((h) => this.isAssigned(h.topic, h.partition));
      try {
        if (assigned.length > 0) this.consumer.commitSync(assigned);
      } catch {
        // A rebalance took the partitions: their new owner resumes from the last commit that went through.
      }
    }
    await disconnectClient(this.consumer);
  }

  private isAssigned(topic: string, partition: number): boolean {
    if (!this.consumer.isConnected()) return false;
    return this.consumer.assignments().some((a) => a.topic === topic && a.partition === partition);
  }
}

function incoming(message: RdkafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const header of message.headers ?? []) {
    for (const [name, value] of Object.entries(header)) headers[name] = value.toString();
  }
  const key = message.key ?? null;
  return {
    topic: message.topic,
    partition: message.partition,
    offset: String(message.offset),
    key: typeof key === 'string' ? Buffer.from(key) : key,
    value: message.value ?? null,
    headers,
    timestamp: message.timestamp ?? Date.now(),
  };
}
