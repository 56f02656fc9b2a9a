import { describeBehindGate, type Gate } from '../environment-gate';

/**
 * The SASL and SSL listeners exist only on the local JVM broker (start-local-broker.sh). With brokers from
 * KAFKA_BROKERS alone or from a container, tests that need them are reported as skipped with this reason in
 * their name — unless TRIPLINE_REQUIRE_AUTH_LISTENERS=1 (set by .ci/run), which turns the absence into a
 * failure so CI can never lose these tests silently.
 */
export interface AuthListeners {
  saslBrokers: string[];
  username: string;
  password: string;
  sslBrokers: string[];
  caFile: string;
}

const VARS = [
  'KAFKA_SASL_BROKERS',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL_BROKERS',
  'KAFKA_SSL_CA_FILE',
] as const;

export function authListeners(env: NodeJS.ProcessEnv = process.env): Gate<AuthListeners> {
  const missing = VARS.filter((name) => !env[name]);
  if (missing.length > 0) {
    return {
      available: false,
      requiredBy: 'TRIPLINE_REQUIRE_AUTH_LISTENERS=1',
      required: env.TRIPLINE_REQUIRE_AUTH_LISTENERS === '1',
      reason:
        `${missing.join(', ')} not set: the Kafka brokers come from KAFKA_BROKERS or a container, ` +
        'which have no SASL/SSL listeners (only the local JVM broker has them)',
    };
  }
  const get = (name: (typeof VARS)[number]) => env[name] as string;
  return {
    available: true,
    value: {
      saslBrokers: get('KAFKA_SASL_BROKERS').split(','),
      username: get('KAFKA_SASL_USERNAME'),
      password: get('KAFKA_SASL_PASSWORD'),
      sslBrokers: get('KAFKA_SSL_BROKERS').split(','),
      caFile: get('KAFKA_SSL_CA_FILE'),
    },
  };
}

/** Declares the tests that need the SASL and SSL listeners (see describeBehindGate). */
export function describeWithAuthListeners(title: string, body: (listeners: AuthListeners) => void): void {
  describeBehindGate(title, authListeners(), body);
}
