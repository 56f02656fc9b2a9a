import { DEFAULT_FETCH, GROUP_MEMBER, type KafkaConnection } from './kafka-connection';
import type { RdkafkaConfig } from './rdkafka-module';

/**
 * librdkafka properties for a connection: brokers, TLS and SASL, with the retry behaviour of the other
 * adapters. The SASL password and TLS key are revealed into the returned object (librdkafka takes them as
 * configuration), so the object is handed to the client and never logged.
 */
export function rdkafkaClientConfig(connection: KafkaConnection): RdkafkaConfig {
  const config: RdkafkaConfig = {
    'metadata.broker.list': connection.brokers.join(','),
    'client.id': connection.clientId,
    'security.protocol': securityProtocol(connection),
    'reconnect.backoff.ms': 300,
    // Error log lines only, as events (not on stderr): connecting reads them to say why it failed.
    event_cb: true,
    log_level: 3,
  };
  const { tls, sasl } = connection;
  if (tls) {
    if (tls.ca) config['ssl.ca.pem'] = tls.ca;
    if (tls.cert) config['ssl.certificate.pem'] = tls.cert;
    if (tls.key) config['ssl.key.pem'] = tls.key.reveal();
    if (!tls.rejectUnauthorized) {
      config['enable.ssl.certificate.verification'] = false;
      config['ssl.endpoint.identification.algorithm'] = 'none';
    }
  }
  if (sasl) {
    config['sasl.mechanisms'] = sasl.mechanism.toUpperCase();
    config['sasl.username'] = sasl.username;
    config['sasl.password'] = sasl.password.reveal();
  }
  return config;
}

/**
 * The idempotent producer of the other adapters: acks from all in-sync replicas, no duplicates on retry,
 * the configured compression.
 */
export function rdkafkaProducerConfig(connection: KafkaConnection): RdkafkaConfig {
  return {
    ...rdkafkaClientConfig(connection),
    'enable.idempotence': true,
    acks: 'all',
    'compression.codec': connection.compression,
    // Sends arrive as batches already; waiting a little for more fills the requests that go out when
    // several partitions' batches are being sent at once.
    'linger.ms': 10,
    'batch.num.messages': 10_000,
    dr_cb: true,
  };
}

/**
 * A group member of the other adapters: the connection's properties, the fetch sizing (see KafkaFetch)
 * and the group timings of GROUP_MEMBER, with auto-commit off (a batch is committed after its handler).
 */
export function rdkafkaConsumerConfig(connection: KafkaConnection, groupId: string): RdkafkaConfig {
  const fetch = connection.fetch ?? DEFAULT_FETCH;
  return {
    ...rdkafkaClientConfig(connection),
    'group.id': groupId,
    'enable.auto.commit': false,
    'session.timeout.ms': GROUP_MEMBER.sessionTimeoutMs,
    'heartbeat.interval.ms': GROUP_MEMBER.heartbeatIntervalMs,
    'max.partition.fetch.bytes': GROUP_MEMBER.maxBytesPerPartition,
    'fetch.min.bytes': fetch.minBytes,
    'fetch.wait.max.ms': fetch.maxWaitMs,
  };
}

/**
 * Topic-level properties of the producer: keyed messages go to the partitions kafkajs and the Java client
 * pick (murmur2), so one entity stays in one partition whichever client wrote it.
 */
export const RDKAFKA_PRODUCER_TOPIC_CONFIG = { partitioner: 'murmur2_random' } as const;

function securityProtocol(connection: KafkaConnection): string {
  if (connection.tls) return connection.sasl ? 'sasl_ssl' : 'ssl';
  return connection.sasl ? 'sasl_plaintext' : 'plaintext';
}
