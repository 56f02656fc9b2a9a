/** Unit tests live beside the code (src/**\/*.test.ts); suites over the shared corpus and the CLI live in test/. */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

module.exports = {
  projects: [
    { displayName: 'unit', testMatch: ['<rootDir>/src/**/*.test.ts'], transform, testEnvironment: 'node' },
    {
      displayName: 'conformance',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
    },
  ],
  testTimeout: 60000,
};
