export * from './tracing-state';
export * from './trace-context';
export * from './tracing-config';
