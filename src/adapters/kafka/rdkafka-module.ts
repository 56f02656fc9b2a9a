import { createRequire } from 'node:module';

/**
 * node-rdkafka (librdkafka, a native addon) is an optional dependency: its build needs a C/C++ toolchain,
 * and a machine without one still installs and runs tripline on the other clients. It is loaded only when
 * `kafka.client: rdkafka` is chosen, and described here by the part of its API the adapter uses, so the
 * project type-checks whether or not the addon was built.
 */

/** librdkafka configuration properties (CONFIGURATION.md of librdkafka): dotted names, scalar values. */
export type RdkafkaConfig = Record<string, string | number | boolean | ((...args: never[]) => void)>;

export interface RdkafkaError extends Error {
  code: number;
  isFatal?: boolean;
  isRetriable?: boolean;
}

export interface RdkafkaTopicPartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

export interface RdkafkaMessage extends RdkafkaTopicPartitionOffset {
  value: Buffer | null;
  key?: Buffer | string | null;
  timestamp?: number;
  headers?: Record<string, Buffer | string>[];
}

export interface RdkafkaDeliveryReport extends RdkafkaTopicPartitionOffset {
  opaque?: unknown;
}

/** A log line of librdkafka, emitted as 'event.log' (with `event_cb` on, at `log_level` and above). */
export interface RdkafkaLog {
  severity: number;
  fac: string;
  message: string;
}

/**
 * Events: 'event.log' (RdkafkaLog), 'event.error' (RdkafkaError), and on producers 'delivery-report'
 * (RdkafkaError | null, RdkafkaDeliveryReport).
 */
export interface RdkafkaClient {
  on(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  connect(options: { timeout?: number }, cb: (error: RdkafkaError | null) => void): unknown;
  /** The producer flushes first (for up to 5 s); the callback runs once the client is destroyed. */
  disconnect(cb: (error: unknown) => void): unknown;
  isConnected(): boolean;
  getMetadata(
    options: { topic?: string; timeout: number },
    cb: (error: RdkafkaError | null, metadata: RdkafkaMetadata) => void,
  ): unknown;
}

export interface RdkafkaMetadata {
  topics: { name: string; partitions: { id: number; leader: number }[] }[];
}

export interface RdkafkaProducer extends RdkafkaClient {
  produce(
    topic: string,
    partition: null,
    value: Buffer,
    key: Buffer | null,
    timestamp: number | null,
    opaque: unknown,
    headers?: Record<string, string>[],
  ): unknown;
  setPollInterval(ms: number): unknown;
  flush(timeout: number, cb: (error: RdkafkaError | null) => void): unknown;
}

export interface RdkafkaConsumer extends RdkafkaClient {
  subscribe(topics: string[]): unknown;
  consume(count: number, cb: (error: RdkafkaError | null, messages: RdkafkaMessage[]) => void): void;
  setDefaultConsumeTimeout(ms: number): void;
  commit(offsets: RdkafkaTopicPartitionOffset[]): unknown;
  commitSync(offsets: RdkafkaTopicPartitionOffset[]): unknown;
  assignments(): { topic: string; partition: number }[];
}

export interface RdkafkaAdmin {
  createTopic(
    topic: {
      topic: string;
      num_partitions: number;
      replication_factor: number;
      config?: Record<string, string>;
    },
    timeoutMs: number,
    cb: (error: RdkafkaError | null) => void,
  ): void;
  disconnect(): void;
}

export interface RdkafkaModule {
  librdkafkaVersion: string;
  Producer: new (config: RdkafkaConfig, topicConfig?: RdkafkaConfig) => RdkafkaProducer;
  KafkaConsumer: new (config: RdkafkaConfig, topicConfig?: RdkafkaConfig) => RdkafkaConsumer;
  AdminClient: { create(config: RdkafkaConfig): RdkafkaAdmin };
  CODES: { ERRORS: Record<string, number> };
}

let loaded: RdkafkaModule | undefined;

/** The addon, or an error that says what to install when it was not built. */
export function loadRdkafka(): RdkafkaModule {
  if (loaded) return loaded;
  try {
    // Loaded by name at run time: the package may be absent, so it is not imported statically.
    loaded = createRequire(__filename)('node-rdkafka') as RdkafkaModule;
  } catch (error) {
    throw new Error(
      `kafka.client 'rdkafka' needs the optional package node-rdkafka, which is not installed or not built ` +
        `(${(error as Error).message.split('\n')[0]}). Its install compiles librdkafka: install a C/C++ ` +
        `toolchain (gcc, g++, make, python3) and run 'npm install' again, or choose kafka.client kafkajs or platformatic.`,
    );
  }
  return loaded;
}

/** Whether the addon can be loaded here (benches and tests list the clients they can run). */
export function rdkafkaAvailable(): boolean {
  try {
    loadRdkafka();
    return true;
  } catch {
    return false;
  }
}
