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
}
