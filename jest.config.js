// Three levels, told apart by file name: *.spec.ts unit, *.int-spec.ts integration, *.e2e-spec.ts end to end.
// Jest runs TypeScript as ES modules because NestJS 12 ships ESM only (hence --experimental-vm-modules in package.json).
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const shared = {
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
};

// Real Postgres and Kafka are resolved once (env, testcontainers, or local) and printed in one line.
const withInfrastructure = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};

module.exports = {
  // Integration and e2e tests start processes and brokers; a unit test never comes near this.
  testTimeout: 180_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...shared, ...withInfrastructure, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...shared, ...withInfrastructure, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};
