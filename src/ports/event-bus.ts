/**
 * The message bus between stages: Kafka in production, an in-process bus in embedded mode. Features
 * depend on this port only, so both run the very same stage code.
 */

export interface OutgoingMessage {
  /** Partitioning key: messages with one key stay ordered in one partition. */
  key: string | null;
  value: Buffer | string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: kept as decimal text. */
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** Broker or producer time of the message, epoch milliseconds. */
  timestamp: number;
}

/** Messages of one partition, in offset order. */
export interface MessageBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
}

export interface TopicSpec {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Topic-level configs, e.g. `retention.ms`. */
  configs?: Record<string, string>;
}

export interface BusProducer {
  /** Resolves once every message is acknowledged by the bus (for Kafka: by all in-sync replicas). */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  /** Where a group without committed offsets starts. */
  fromBeginning: boolean;
  /**
   * Handles one batch. The batch's offsets are committed only after the returned promise resolves, so
   * everything derived from a message must be acknowledged downstream before it returns. A rejection
   * stops the consumer without committing: the batch is delivered again after a restart.
   */
  eachBatch(batch: MessageBatch): Promise<void>;
  /**
   * How many partitions' batches may be in `eachBatch` at once (default 1): while one batch waits for its
   * output to be acknowledged, another is evaluated. Batches of one partition are always one at a time,
   * in order.
   */
  concurrentPartitions?: number;
  /** Called when the consumer stops because of an error (after eachBatch rejected or the bus failed). */
  onCrash?(error: Error): void;
}

export interface BusConsumer {
  /** Stops fetching, waits for the batch in progress and leaves the group. */
  stop(): Promise<void>;
}

export interface EventBus {
  /** Creates the topics that do not exist yet; existing topics are left as they are. */
  ensureTopics(topics: readonly TopicSpec[]): Promise<void>;
  producer(): Promise<BusProducer>;
  subscribe(options: SubscribeOptions): Promise<BusConsumer>;
  close(): Promise<void>;
}
