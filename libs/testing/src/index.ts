export * from './local-kafka';
export * from './probes';
export * from './resolve-test-infrastructure';
export * from './test-environment';
export * from './test-database';
export * from './test-tokens';
export * from './service-process';
export * from './http-client';
