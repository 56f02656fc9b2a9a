import { dockerAvailable } from './docker-available';
import { startElasticsearchContainer } from './elasticsearch/container';
import { startLocalElasticsearch } from './elasticsearch/local-es';
import { authHeaders, waitForElasticsearch } from './elasticsearch/ready';
import { startKafkaContainer } from './kafka/container';
import { startLocalKafka } from './kafka/local-broker';
import { waitForKafka } from './kafka/ready';
import { terminateProcessGroupSync } from './process-group';
import { cleanStaleRuns, removeRunState, writeRunState, type ServiceState } from './state';

/**
 * Test services for integration tests. Per service, the first that applies:
 *   1. endpoints from the environment (e.g. KAFKA_BROKERS exported by .ci/run): used as they are;
 *   2. testcontainers, when a Docker engine answers (unless TRIPLINE_TEST_SERVICES=local);
 *   3. a local process (Kafka: start-local-broker.sh, Elasticsearch: start-local-es.sh, both on the JVM).
 * Services start in parallel. Later: redis — add a starter to STARTERS.
 *
 * Environment variables set for Kafka:
 *   always:           KAFKA_BROKERS (plaintext, comma-separated host:port)
 *   local JVM only:   KAFKA_SASL_BROKERS, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD (PLAIN, SCRAM-SHA-256/512),
 *                     KAFKA_SSL_BROKERS, KAFKA_SSL_CA_FILE (PEM of the CA that signed the broker certificate)
 * From the environment (1) the auth variables are passed on when set; from a container they are absent.
 *
 * Environment variables set for Elasticsearch:
 *   always:           ELASTICSEARCH_URL (http://host:port, no trailing path)
 *   when known:       ELASTICSEARCH_DISTRIBUTION: `integ-test-zip` (local JVM: the minimal distribution from
 *                     Maven Central, see test/integration/elasticsearch-harness.test.ts for what it lacks),
 *                     `docker` (container: the full default distribution)
 *   from the env only: ELASTICSEARCH_API_KEY, or ELASTICSEARCH_USERNAME + ELASTICSEARCH_PASSWORD, passed on
 *                     when set (local and container servers run without security)
 */
export interface ServiceOptions {
  kafka?: boolean;
  elasticsearch?: boolean;
}

export interface TestServices {
  env: Record<string, string>;
  services: ServiceState[];
  stop(): Promise<void>;
}

interface Started {
  state: ServiceState;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export const KAFKA_ENV = [
  'KAFKA_BROKERS',
  'KAFKA_SASL_BROKERS',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'KAFKA_SSL_BROKERS',
  'KAFKA_SSL_CA_FILE',
] as const;

export const ELASTICSEARCH_ENV = [
  'ELASTICSEARCH_URL',
  'ELASTICSEARCH_DISTRIBUTION',
  'ELASTICSEARCH_USERNAME',
  'ELASTICSEARCH_PASSWORD',
  'ELASTICSEARCH_API_KEY',
] as const;

const log = (message: string) => process.stderr.write(`[test-services] ${message}\n`);

async function startKafka(): Promise<Started> {
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) {
    // .ci/run starts the broker in the background, so it may still be booting.
    await waitForKafka(fromEnv, { timeoutMs: 120_000 });
    const env: Record<string, string> = {};
    for (const key of KAFKA_ENV) if (process.env[key]) env[key] = process.env[key] as string;
    log(`kafka: from the environment (${fromEnv})`);
    return { state: { name: 'kafka', mode: 'env' }, env, stop: async () => undefined };
  }
  const docker = process.env.TRIPLINE_TEST_SERVICES === 'local' ? null : await dockerAvailable();
  if (docker) {
    const started = Date.now();
    const kafka = await startKafkaContainer(docker.host);
    log(`kafka: container ${kafka.env.KAFKA_BROKERS} ready in ${Date.now() - started} ms`);
    return {
      state: { name: 'kafka', mode: 'container', containerId: kafka.containerId },
      env: kafka.env,
      stop: kafka.stop,
    };
  }
  const started = Date.now();
  const kafka = await startLocalKafka();
  log(
    `kafka: local JVM broker ${kafka.env.KAFKA_BROKERS} ready in ${Date.now() - started} ms (${kafka.runDir})`,
  );
  // Last resort if the process exits without teardown: the JVM gets SIGTERM (its watcher also notices).
  const onExit = () => terminateProcessGroupSync(kafka.pgid);
  process.once('exit', onExit);
  return {
    state: { name: 'kafka', mode: 'local', pgid: kafka.pgid, runDir: kafka.runDir },
    env: kafka.env,
    stop: async () => {
      process.removeListener('exit', onExit);
      await kafka.stop();
    },
  };
}

async function startElasticsearch(): Promise<Started> {
  const fromEnv = process.env.ELASTICSEARCH_URL;
  if (fromEnv) {
    // .ci/run starts the server in the background, so it may still be booting.
    await waitForElasticsearch(fromEnv, { timeoutMs: 180_000, headers: authHeaders() });
    const env: Record<string, string> = {};
    for (const key of ELASTICSEARCH_ENV) if (process.env[key]) env[key] = process.env[key] as string;
    log(`elasticsearch: from the environment (${fromEnv})`);
    return { state: { name: 'elasticsearch', mode: 'env' }, env, stop: async () => undefined };
  }
  const docker = process.env.TRIPLINE_TEST_SERVICES === 'local' ? null : await dockerAvailable();
  if (docker) {
    const started = Date.now();
    const es = await startElasticsearchContainer(docker.host);
    log(`elasticsearch: container ${es.env.ELASTICSEARCH_URL} ready in ${Date.now() - started} ms`);
    return {
      state: { name: 'elasticsearch', mode: 'container', containerId: es.containerId },
      env: es.env,
      stop: es.stop,
    };
  }
  const started = Date.now();
  const es = await startLocalElasticsearch();
  log(
    `elasticsearch: local JVM ${es.env.ELASTICSEARCH_URL} ready in ${Date.now() - started} ms (${es.runDir})`,
  );
  // Last resort if the process exits without teardown: the JVMs get SIGTERM (the watcher also notices).
  const onExit = () => terminateProcessGroupSync(es.pgid);
  process.once('exit', onExit);
  return {
    state: { name: 'elasticsearch', mode: 'local', pgid: es.pgid, runDir: es.runDir },
    env: es.env,
    stop: async () => {
      process.removeListener('exit', onExit);
      await es.stop();
    },
  };
}

const STARTERS: Record<keyof ServiceOptions, () => Promise<Started>> = {
  kafka: startKafka,
  elasticsearch: startElasticsearch,
};

export async function startTestServices(options: ServiceOptions): Promise<TestServices> {
  for (const line of await cleanStaleRuns()) log(`cleaned stale run: ${line}`);
  const names = (Object.keys(STARTERS) as (keyof ServiceOptions)[]).filter((name) => options[name]);
  const results = await Promise.allSettled(names.map((name) => STARTERS[name]()));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stop = async () => {
    await Promise.all(started.map((s) => s.stop()));
    removeRunState(process.pid);
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const env = Object.assign({}, ...started.map((s) => s.env)) as Record<string, string>;
  const services = started.map((s) => s.state);
  writeRunState({ ownerPid: process.pid, startedAt: new Date().toISOString(), env, services });
  return { env, services, stop };
}
