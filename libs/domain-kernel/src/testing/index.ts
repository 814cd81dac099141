// Test helpers for deciders, apart from the kernel's entry so production bundles never carry jest's `expect`,
// and apart from @app/testing, whose barrel brings databases, brokers and testcontainers.
export * from './decider-spec';
export * from './decider-scenario';
export * from './spec-commands';
export * from './thrown-by';
export * from './illegal-transitions';
