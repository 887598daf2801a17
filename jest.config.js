/**
 * Two projects:
 *  - embedded: unit tests, the port contracts on SQLite/files, the local runtime end to end, and the CDK app.
 *  - engines:  the port contracts on the AWS adapters and the handlers end to end, against real DynamoDB Local,
 *              an S3-compatible server and OpenSearch, started by test/global-setup.ts.
 * @type {import('jest').Config}
 */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] };
// middy 6 and jose 6 ship ESM only: let swc turn them into CommonJS like the project's own code.
const common = {
  transform,
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Per-project testTimeout is not honoured: one generous global limit; tests that hang are bugs all the same.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'embedded',
      testMatch: [
        '<rootDir>/test/unit/**/*.test.ts',
        '<rootDir>/test/contract/**/*.sqlite.test.ts',
        '<rootDir>/test/e2e/**/*.test.ts',
        '<rootDir>/test/infra/**/*.test.ts',
      ],
    },
    {
      ...common,
      displayName: 'engines',
      testMatch: ['<rootDir>/test/contract/**/*.aws.test.ts', '<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};
