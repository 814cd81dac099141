import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEnv } from './test-environment';

export interface TestDatabase {
  /** As the suite's admin (a superuser): for tests that read or tamper with rows behind a service's back. */
  url: string;
  /** As the database's owner role (LOGIN, CREATE on the database): what runs a service's migrations. */
  ownerUrl: string;
  /** As the database's runtime role (LOGIN only): what a service runs as, granted its rights by the owner. */
  runtimeUrl: string;
  name: string;
  drop(): Promise<void>;
}

interface DatabaseRoles {
  owner: { user: string; password: string };
  runtime: { user: string; password: string };
}

/** The roles of each database this test file created, by database name, so serviceEnv can log services in as them. */
const rolesByDatabase = new Map<string, DatabaseRoles>();

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testEnv('databaseUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `url` as another role: the same server (or proxy in front of it) and database, another user and password. */
function as(url: string, login: { user: string; password: string }): string {
  const parsed = new URL(url);
  parsed.username = login.user;
  parsed.password = login.password;
  return parsed.toString();
}

/**
 * A fresh database per test file, so tests never see each other's data, with an owner and a runtime role of its
 * own (with passwords: the server may not trust local logins), dropped with it.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `it_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${suffix}`;
  const roles: DatabaseRoles = {
    owner: { user: `it_${suffix}_owner`, password: randomBytes(12).toString('hex') },
    runtime: { user: `it_${suffix}_runtime`, password: randomBytes(12).toString('hex') },
  };
  await admin(async (c) => {
    await c.query(`CREATE DATABASE "${name}"`);
    await c.query(`CREATE ROLE "${roles.owner.user}" LOGIN PASSWORD '${roles.owner.password}'`);
    await c.query(`CREATE ROLE "${roles.runtime.user}" LOGIN PASSWORD '${roles.runtime.password}'`);
    // CREATE: the owner runs CREATE SCHEMA IF NOT EXISTS for its service schema (migrate-under-lock.ts).
    await c.query(`GRANT CONNECT, CREATE ON DATABASE "${name}" TO "${roles.owner.user}"`);
  });
  rolesByDatabase.set(name, roles);
  const url = new URL(testEnv('databaseUrl'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    ownerUrl: as(url.toString(), roles.owner),
    runtimeUrl: as(url.toString(), roles.runtime),
    name,
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        // Only after the database: what they owned and were granted went with it.
        await c.query(`DROP ROLE IF EXISTS "${roles.owner.user}", "${roles.runtime.user}"`);
        rolesByDatabase.delete(name);
      }),
  };
}

/**
 * DATABASE_URL (the runtime role) and DATABASE_OWNER_URL (the owner) for a service on the database `url` names,
 * kept on `url`'s host and port (a fault proxy, say). A database createTestDatabase did not make (one on a
 * private server) has no such roles: then `url` alone, and the service runs as one role.
 */
export function serviceDatabaseEnv(url: string): { DATABASE_URL: string; DATABASE_OWNER_URL?: string } {
  let database: string | undefined;
  try {
    database = decodeURIComponent(new URL(url).pathname.slice(1));
  } catch {
    return { DATABASE_URL: url };
  }
  const roles = rolesByDatabase.get(database);
  return roles
    ? { DATABASE_URL: as(url, roles.runtime), DATABASE_OWNER_URL: as(url, roles.owner) }
    : { DATABASE_URL: url };
}

/** Unique prefix for topics and consumer groups of one test file. */
export function uniqueNamespace(label: string): string {
  return `t-${label.replace(/[^a-z0-9]/gi, '-').toLowerCase()}-${randomBytes(3).toString('hex')}`;
}

/** The environment a service process needs against the suite's Postgres and Kafka (as the database's own roles). */
export function serviceEnv(
  databaseUrl: string,
  label: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...serviceDatabaseEnv(databaseUrl),
    KAFKA_BROKERS: testEnv('kafkaBrokers'),
    KAFKA_NAMESPACE: uniqueNamespace(label),
    JWT_SECRET: testEnv('jwtSecret'),
    PORT: '0',
    // Tests poll public routes anonymously far faster than a person would; public-rate-limit.int-spec lowers it again.
    PUBLIC_RATE_LIMIT_BURST: '100000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    // Load and fault tests file dozens of reports per citizen a second; report-abuse.int-spec lowers these again.
    REPORT_RATE_LIMIT_CITIZEN_BURST: '100000',
    REPORT_RATE_LIMIT_CITIZEN_PER_MINUTE: '100000',
    ...extra,
  };
}
