// The platform's light entry (@app/platform/cli), for command-line tools: what they take from the platform without
// the barrel's Nest, TypeORM and OpenTelemetry. Development tokens and roles, the environment's variable names, and
// the checks of committed secrets; the poll behind the scripts' and the tests' waits.
export * from './auth/roles';
export * from './auth/token-issuer';
export * from './config/environment.variables';
export * from './config/committed-secrets.check';
export * from './time/poll-until';
