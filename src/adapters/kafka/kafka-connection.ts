import type { Secret } from '../../config/secret';

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
  compression: 'gzip' | 'none';
}
