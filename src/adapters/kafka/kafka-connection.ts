import type { Secret } from '../../config/secret';

/**
 * Record-batch compression. LZ4 (the default) and Snappy cost a fraction of gzip's CPU per event, which
 * on a busy pipeline is the difference that matters; gzip packs tighter for slow links.
 */
export const KAFKA_COMPRESSIONS = ['lz4', 'snappy', 'gzip', 'none'] as const;
export type KafkaCompression = (typeof KAFKA_COMPRESSIONS)[number];

/**
 * The Kafka clients the EventBus port has adapters for. kafkajs is the default; @platformatic/kafka
 * costs less CPU per event and keeps latency lower under load; rdkafka (librdkafka through the optional
 * native addon node-rdkafka) costs the least by far (see `npm run bench:pipeline`).
 */
export const KAFKA_CLIENTS = ['kafkajs', 'platformatic', 'rdkafka'] as const;
export type KafkaClient = (typeof KAFKA_CLIENTS)[number];

/**
 * How much a consumer's fetch waits for on the broker. A fetch answered with the first few messages costs
 * about what a full one costs (a request and response, a batch to decompress and hand to the stage), so
 * under load waiting for a fuller answer saves CPU on the consumer and the broker; when little arrives,
 * a fetch still returns after `maxWaitMs`. The defaults raised every client's events/s by 15-25 % in
 * `npm run bench:pipeline` and lowered its p99 latency at 5,000 events/s.
 */
export interface KafkaFetch {
  /** The broker answers once this many bytes are ready… */
  minBytes: number;
  /** …or this long after the request, whichever comes first. */
  maxWaitMs: number;
}
export const DEFAULT_FETCH: Readonly<KafkaFetch> = { minBytes: 256 * 1024, maxWaitMs: 100 };

/**
 * How every adapter's consumer group members behave: a member silent for `sessionTimeoutMs` is dropped
 * from the group and its partitions move on; heartbeats go every `heartbeatIntervalMs`; one fetch takes at
 * most `maxBytesPerPartition` from a partition.
 */
export const GROUP_MEMBER = {
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  maxBytesPerPartition: 4 * 1024 * 1024,
} as const;

export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** How to reach a Kafka cluster: brokers, TLS and SASL. */
export interface KafkaConnection {
  brokers: readonly string[];
  clientId: string;
  tls?: {
    /** PEM text of the CA that signed the brokers' certificates (else the system CAs). */
    ca?: string;
    /** PEM client certificate and key, for mutual TLS. */
    cert?: string;
    key?: Secret;
    /** Only for tests against self-signed brokers; refused in production configs by the schema. */
    rejectUnauthorized: boolean;
  };
  sasl?: { mechanism: SaslMechanism; username: string; password: Secret };
  /** Producer compression of connector and detector output. */
  compression: KafkaCompression;
  /** Consumer fetch sizing; {@link DEFAULT_FETCH} when not given. */
  fetch?: KafkaFetch;
}
