import { startServiceProcess, testEnv } from '@app/testing';

// A missing or bad setting stops the process with exit code 1 and a message that names the variable.
describe('configuration checked at start', () => {
  const good = () => ({
    DATABASE_URL: testEnv('databaseUrl'),
    KAFKA_BROKERS: testEnv('kafkaBrokers'),
    JWT_SECRET: testEnv('jwtSecret'),
    PORT: '0',
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }, /DATABASE_URL is required/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: undefined }, /KAFKA_BROKERS is required/],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS must be a comma-separated list of host:port/],
    ['JWT_SECRET', { JWT_SECRET: undefined }, /JWT_SECRET \(or JWT_PUBLIC_KEY, or JWT_JWKS_URL\) is required/],
    ['JWT_SECRET', { JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    ['PORT', { PORT: 'eighty' }, /PORT must be an integer/],
    ['PORT', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of error, warn, info, debug/],
  ])('exits 1 naming %s when it is %p', async (_name, override, message) => {
    const service = await startServiceProcess('fines', { ...good(), ...override }, { waitForListening: false });
    const result = await service.exited;
    expect(result.code).toBe(1);
    expect(service.output()).toMatch(message);
  });
});
