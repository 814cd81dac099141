import './setup-runtime';
import { randomBytes } from 'node:crypto';
import { resolveTestInfrastructure, TEST_ENV } from '@app/testing';

/** Runs once per jest run (the integration and e2e projects share it): real Postgres and Kafka, printed in one line. */
export default async function globalSetup(): Promise<void> {
  const state = globalThis as { integritySquareInfra?: { teardown(): Promise<void> } };
  if (state.integritySquareInfra) return;
  const infra = await resolveTestInfrastructure();
  state.integritySquareInfra = infra;
  process.env[TEST_ENV.databaseUrl] = infra.databaseUrl;
  process.env[TEST_ENV.kafkaBrokers] = infra.kafkaBrokers;
  process.env[TEST_ENV.jwtSecret] ??= randomBytes(32).toString('base64url');
  process.stdout.write(`\ntest infrastructure: ${infra.description}\n`);
}
