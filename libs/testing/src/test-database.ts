import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from './test-environment';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testEnv('databaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database per test file, so tests never see each other's data. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const name = `it_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(testEnv('databaseUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Unique prefix for topics and consumer groups of one test file. */
export function uniqueNamespace(label: string): string {
  return `t-${label.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-${randomBytes(3).toString('hex')}`;
}

/** The environment a service process needs against the suite's Postgres and Kafka. */
export function serviceEnv(databaseUrl: string, label: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: testEnv('kafkaBrokers'),
    KAFKA_NAMESPACE: uniqueNamespace(label),
    JWT_SECRET: testEnv('jwtSecret'),
    PORT: '0',
    ...extra,
  };
}
