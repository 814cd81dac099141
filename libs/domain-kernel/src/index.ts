// What a domain folder may import besides @app/contracts: pure types and functions, no framework, database or
// broker, so a decider reads (and is tested) without knowing how it is served. .dependency-cruiser.cjs holds it so.
export * from './decider';
export * from './domain-errors';
export * from './clock';
export * from './almaty-calendar';
export * from './bin';
export * from './working-day-calendar';
export * from './kz-working-day-calendar';
export * from './canonical-json';
export * from './pick';
export * from './status-guard';
