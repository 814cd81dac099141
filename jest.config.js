// Jest runs TypeScript as ES modules (NestJS 12 ships ESM only); see package.json test scripts for --experimental-vm-modules.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
};
module.exports = { ...shared, rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.spec.ts'] };
