/** What globalSetup resolved, read by every test file (jest workers inherit the environment). */
export const TEST_ENV = {
  databaseUrl: 'TEST_DATABASE_URL',
  kafkaBrokers: 'TEST_KAFKA_BROKERS',
  jwtSecret: 'TEST_JWT_SECRET',
} as const;

export function testEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value) {
    throw new Error(
      `${TEST_ENV[name]} is not set: run this test through the integration or e2e jest project (npm run test:int)`,
    );
  }
  return value;
}
