import { startTestServices, type TestServices } from './services';

/**
 * Jest globalSetup of the `integration` project. Runs in Jest's main process: the env it sets is seen by
 * the tests (they run in band, see serial-runner.ts). The handle is only readable from globalTeardown.
 * Kafka and Elasticsearch start in parallel (services.ts); a local JVM each when neither env nor Docker is there.
 */
declare global {
  var __TRIPLINE_TEST_SERVICES__: TestServices | undefined;
}

export default async function globalSetup(): Promise<void> {
  const services = await startTestServices({ kafka: true, elasticsearch: true });
  Object.assign(process.env, services.env);
  globalThis.__TRIPLINE_TEST_SERVICES__ = services;
}
