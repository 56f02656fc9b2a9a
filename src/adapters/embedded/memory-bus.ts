import type {
  BusConsumer,
  BusProducer,
  EventBus,
  IncomingMessage,
  OutgoingMessage,
  SubscribeOptions,
  TopicSpec,
} from '../../ports/event-bus';
import { partitionFor } from './partition-for';

const MAX_BATCH = 500;

interface MemoryTopic {
  partitions: IncomingMessage[][];
}

/**
 * The in-process bus of embedded mode: partitioned append-only topics, consumer groups with committed
 * offsets, and batches committed only after the handler resolves — the same contract as Kafka, so the
 * stages cannot tell the difference. Nothing is persisted: it lives as long as the process.
 */
export class MemoryBus implements EventBus {
  private readonly topics = new Map<string, MemoryTopic>();
  private readonly committed = new Map<string, number>();
  private readonly consumers = new Set<MemoryConsumer>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly defaultPartitions = 1) {}

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    for (const spec of topics) this.topic(spec.name, spec.partitions);
  }

  async producer(): Promise<BusProducer> {
    return {
      send: async (topic, messages) => this.append(topic, messages),
      close: async () => undefined,
    };
  }

  async subscribe(options: SubscribeOptions): Promise<BusConsumer> {
    for (const topic of options.topics) this.topic(topic);
    const consumer = new MemoryConsumer(this, options);
    this.consumers.add(consumer);
    consumer.start();
    return {
      stop: async () => {
        await consumer.stop();
        this.consumers.delete(consumer);
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.stop()));
    this.consumers.clear();
  }

  /** Resolves when every running consumer has processed and committed everything on its topics. */
  async whenIdle(): Promise<void> {
    for (;;) {
      if ([...this.consumers].every((c) => c.isIdle())) return;
      await new Promise<void>((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Every message of a topic, in partition then offset order (for tests and the embedded summary). */
  messages(topic: string): IncomingMessage[] {
    return (this.topics.get(topic)?.partitions ?? []).flat();
  }

  /** @internal used by MemoryConsumer */
  nextBatch(groupId: string, topics: readonly string[]): IncomingMessage[] | undefined {
    for (const name of topics) {
      const topic = this.topics.get(name);
      if (!topic) continue;
      for (let p = 0; p < topic.partitions.length; p++) {
        const log = topic.partitions[p] as IncomingMessage[];
        const from = this.committed.get(offsetKey(groupId, name, p)) ?? 0;
        if (from < log.length) return log.slice(from, from + MAX_BATCH);
      }
    }
    return undefined;
  }

  /** @internal */
  commit(groupId: string, last: IncomingMessage): void {
    this.committed.set(offsetKey(groupId, last.topic, last.partition), Number(last.offset) + 1);
  }

  /** @internal resolves on the next append, or after `ms` */
  waitForMessages(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** @internal wakes consumers waiting for messages */
  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private topic(name: string, partitions = this.defaultPartitions): MemoryTopic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { partitions: Array.from({ length: Math.max(1, partitions) }, () => []) };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private append(name: string, messages: readonly OutgoingMessage[]): void {
    const topic = this.topic(name);
    const now = Date.now();
    for (const message of messages) {
      const partition = partitionFor(message.key, topic.partitions.length);
      const log = topic.partitions[partition] as IncomingMessage[];
      log.push({
        topic: name,
        partition,
        offset: String(log.length),
        key: message.key === null ? null : Buffer.from(message.key),
        value: Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value),
        headers: { ...message.headers },
        timestamp: now,
      });
    }
    this.wake();
  }
}

function offsetKey(groupId: string, topic: string, partition: number): string {
  return `${groupId}\u0000${topic}\u0000${partition}`;
}

/** One subscription: a loop that hands batches to the handler and commits after each. */
class MemoryConsumer {
  private running = false;
  private busy = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly bus: MemoryBus,
    private readonly options: SubscribeOptions,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.bus.wake();
    await this.loop;
  }

  isIdle(): boolean {
    return !this.running || (!this.busy && !this.bus.nextBatch(this.options.groupId, this.options.topics));
  }

  private async run(): Promise<void> {
    while (this.running) {
      const messages = this.bus.nextBatch(this.options.groupId, this.options.topics);
      if (!messages) {
        await this.bus.waitForMessages(100);
        continue;
      }
      const first = messages[0] as IncomingMessage;
      this.busy = true;
      try {
        await this.options.eachBatch({ topic: first.topic, partition: first.partition, messages });
        this.bus.commit(this.options.groupId, messages[messages.length - 1] as IncomingMessage);
      } catch (error) {
        this.running = false;
        this.options.onCrash?.(error instanceof Error ? error : new Error(String(error)));
      } finally {
        this.busy = false;
      }
    }
  }
}
