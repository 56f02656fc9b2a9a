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

export type AuthListenersResult =
  { available: true; listeners: AuthListeners } | { available: false; required: boolean; reason: string };

export function authListeners(env: NodeJS.ProcessEnv = process.env): AuthListenersResult {
  const missing = VARS.filter((name) => !env[name]);
  if (missing.length > 0) {
    return {
      available: false,
      required: env.TRIPLINE_REQUIRE_AUTH_LISTENERS === '1',
      reason:
        `${missing.join(', ')} not set: the Kafka brokers come from KAFKA_BROKERS or a container, ` +
        'which have no SASL/SSL listeners (only the local JVM broker has them)',
    };
  }
  const get = (name: (typeof VARS)[number]) => env[name] as string;
  return {
    available: true,
    listeners: {
      saslBrokers: get('KAFKA_SASL_BROKERS').split(','),
      username: get('KAFKA_SASL_USERNAME'),
      password: get('KAFKA_SASL_PASSWORD'),
      sslBrokers: get('KAFKA_SSL_BROKERS').split(','),
      caFile: get('KAFKA_SSL_CA_FILE'),
    },
  };
}

/**
 * Declares the tests that need the SASL and SSL listeners, in one place for every test file: they run when
 * the listeners exist; when they are missing but required (TRIPLINE_REQUIRE_AUTH_LISTENERS=1, as on CI) a
 * failing test says so; otherwise a single skipped test carries the reason in its name, so the report shows
 * what did not run and why.
 */
export function describeWithAuthListeners(title: string, body: (listeners: AuthListeners) => void): void {
  const auth = authListeners();
  if (auth.available) {
    describe(title, () => body(auth.listeners));
  } else if (auth.required) {
    test(`${title}: SASL/SSL listeners are provided (TRIPLINE_REQUIRE_AUTH_LISTENERS=1)`, () => {
      throw new Error(auth.reason);
    });
  } else {
    test.skip(`${title} — not run: ${auth.reason}`, () => undefined);
  }
}
