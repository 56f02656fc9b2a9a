/**
 * Unit tests live beside the code (src/**\/*.test.ts); suites over the shared corpus and the CLI live in test/.
 * Integration tests (test/integration/) run against real services provided by test/infra (see services.ts).
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const nativeEsm = '<rootDir>/test/infra/native-esm.ts';

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      setupFilesAfterEnv: [nativeEsm],
    },
    {
      displayName: 'conformance',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // test/integration belongs to the `integration` project below (it needs the services).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/'],
      transform,
      testEnvironment: 'node',
      setupFilesAfterEnv: [nativeEsm],
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/infra/global-setup.ts',
      globalTeardown: '<rootDir>/test/infra/global-teardown.ts',
      // 120 s per test (testTimeout is a global option, so it is set per file there).
      setupFilesAfterEnv: [nativeEsm, '<rootDir>/test/infra/jest-setup.ts'],
      // One file at a time, in Jest's main process: the tests share one broker.
      runner: '<rootDir>/test/infra/serial-runner.ts',
    },
  ],
  testTimeout: 60000,
  // Kafka and Elasticsearch clients can keep sockets open a moment after their tests close them; CI must not
  // wait for that.
  forceExit: true,
};
