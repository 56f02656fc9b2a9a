import { Secret } from '../../config/secret';
import type { KafkaConnection } from './kafka-connection';
import { rdkafkaClientConfig, rdkafkaConsumerConfig, rdkafkaProducerConfig } from './rdkafka-config';

const base: KafkaConnection = { brokers: ['a:9092', 'b:9092'], clientId: 'tripline', compression: 'lz4' };

describe('rdkafkaClientConfig', () => {
  it('lists the brokers and speaks plaintext without TLS or SASL', () => {
    const config = rdkafkaClientConfig(base);
    expect(config['metadata.broker.list']).toBe('a:9092,b:9092');
    expect(config['client.id']).toBe('tripline');
    expect(config['security.protocol']).toBe('plaintext');
    expect(Object.keys(config).some((k) => k.startsWith('ssl.') || k.startsWith('sasl.'))).toBe(false);
  });

  it('maps SASL mechanisms and TLS material to librdkafka properties', () => {
    const config = rdkafkaClientConfig({
      ...base,
      tls: { ca: 'CA PEM', cert: 'CERT PEM', key: new Secret('KEY PEM'), rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'svc', password: new Secret('s3cret') },
    });
    expect(config).toMatchObject({
      'security.protocol': 'sasl_ssl',
      'ssl.ca.pem': 'CA PEM',
      'ssl.certificate.pem': 'CERT PEM',
      'ssl.key.pem': 'KEY PEM',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': 'svc',
      'sasl.password': 's3cret',
    });
    // Verification stays on unless a test turns it off.
    expect(config['enable.ssl.certificate.verification']).toBeUndefined();
    expect(
      rdkafkaClientConfig({
        ...base,
        sasl: { mechanism: 'plain', username: 'u', password: new Secret('p') },
      }),
    ).toMatchObject({ 'security.protocol': 'sasl_plaintext', 'sasl.mechanisms': 'PLAIN' });
  });

  it('turns certificate and host name checks off only when asked to', () => {
    const config = rdkafkaClientConfig({ ...base, tls: { rejectUnauthorized: false } });
    expect(config).toMatchObject({
      'security.protocol': 'ssl',
      'enable.ssl.certificate.verification': false,
      'ssl.endpoint.identification.algorithm': 'none',
    });
  });
});

describe('rdkafkaProducerConfig', () => {
  it('is idempotent, waits for all in-sync replicas and compresses as configured', () => {
    expect(rdkafkaProducerConfig({ ...base, compression: 'snappy' })).toMatchObject({
      'enable.idempotence': true,
      acks: 'all',
      'compression.codec': 'snappy',
      dr_cb: true,
    });
  });
});

describe('rdkafkaConsumerConfig', () => {
  it('sizes fetches as configured, and by default waits for 256 KiB or 100 ms', () => {
    expect(rdkafkaConsumerConfig({ ...base, fetch: { minBytes: 1, maxWaitMs: 5 } }, 'g')).toMatchObject({
      'metadata.broker.list': base.brokers.join(','),
      'fetch.min.bytes': 1,
      'fetch.wait.max.ms': 5,
    });
    expect(rdkafkaConsumerConfig(base, 'g')).toMatchObject({
      'fetch.min.bytes': 262_144,
      'fetch.wait.max.ms': 100,
    });
  });

  it('joins the group with auto-commit off and the group timings of the other adapters', () => {
    expect(rdkafkaConsumerConfig(base, 'detectors')).toMatchObject({
      'group.id': 'detectors',
      'enable.auto.commit': false,
      'session.timeout.ms': 30_000,
      'heartbeat.interval.ms': 3_000,
      'max.partition.fetch.bytes': 4 * 1024 * 1024,
    });
  });
});
