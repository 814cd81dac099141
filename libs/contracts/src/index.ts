export * from './topics';
export * from './service-names';
export * from './message-headers';
export * from './ping-sent.contract';
export * from './validate-contract';
export * from './integration-envelope';
export * from './published-event';
