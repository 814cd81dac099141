import {
  createTestDatabase,
  serviceEnv,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import type { DataSource } from 'typeorm';
import { provided } from './provided';
import { openServiceDataSource } from './service-data-sources';
import { untilReady } from './service-calls';

/**
 * A test database for the describe block it is called in: created in beforeAll, dropped in afterAll. The handle
 * reads as the database itself once beforeAll ran.
 */
export function testDatabase(label: string): TestDatabase {
  const db = provided<TestDatabase>(`test database ${label}`);
  beforeAll(async () => db.set(await createTestDatabase(label)));
  afterAll(() => db.current()?.drop());
  return db.value;
}

export interface SpawnOptions {
  /** The namespace on the shared broker the process publishes and subscribes in (none: the default namespace). */
  kafkaNamespace?: string;
  /** Variables beside what serviceEnv sets (sweeps off, checkpoint keys, ...). */
  env?: Record<string, string>;
  /** Waits for /health/ready too, not only for the address it listens on. */
  ready?: boolean | { timeoutMs?: number; intervalMs?: number };
  /** Where dist/ and node_modules are (default: here); a test of the image lays them out elsewhere. */
  root?: string;
}

/** The environment a spawned service gets: its database roles, the suite's secrets, the namespace, and `env`. */
export const spawnEnv = (db: TestDatabase, label: string, options: SpawnOptions = {}) =>
  serviceEnv(db.url, label, {
    ...(options.kafkaNamespace ? { KAFKA_NAMESPACE: options.kafkaNamespace } : {}),
    ...options.env,
  });

/** Starts one built service (dist/apps/<app>/main.js) as its own process, ready when `options.ready` asks. */
export async function spawnService(
  app: string,
  db: TestDatabase,
  label: string,
  options: SpawnOptions = {},
): Promise<ServiceProcess> {
  const service = await startServiceProcess(app, spawnEnv(db, label, options), { root: options.root });
  if (options.ready) await untilReady(service, options.ready === true ? {} : options.ready);
  return service;
}

type AppSpec = string | ({ app: string } & SpawnOptions);

interface Hooks {
  /** Runs between the database's creation and the start (a lock the services must find taken, say). */
  before?: (db: TestDatabase) => Promise<void>;
  /** Runs after the services stopped and before the database is dropped: closes what the test opened on it. */
  after?: () => Promise<unknown>;
}

/**
 * Built services as their own processes on one test database, started together in beforeAll, stopped in afterAll
 * and the database dropped after them. `apps` names each process by the key the test reads it by; the record is
 * filled in beforeAll, and a test that restarts a process puts the new one in its place.
 */
export function spawnedServices<K extends string>(
  label: string,
  apps: Record<K, AppSpec>,
  options: SpawnOptions & Hooks = {},
): { db: TestDatabase; services: Record<K, ServiceProcess> } {
  const db = provided<TestDatabase>(`test database ${label}`);
  const services = {} as Record<K, ServiceProcess>;
  const entries = Object.entries<AppSpec>(apps) as [K, AppSpec][];
  beforeAll(async () => {
    db.set(await createTestDatabase(label));
    await options.before?.(db.value);
    const started = await Promise.all(
      entries.map(([, spec]) => {
        const { app, ...own } = typeof spec === 'string' ? { app: spec } : spec;
        return spawnService(app, db.value, label, { ...options, ...own, env: { ...options.env, ...own.env } });
      }),
    );
    entries.forEach(([key], i) => (services[key] = started[i]));
  }, 180_000);
  afterAll(async () => {
    await Promise.all(Object.values<ServiceProcess>(services).map((s) => s.stop()));
    await options.after?.();
    await db.current()?.drop();
  }, 60_000);
  return { db: db.value, services };
}

/** One built service as its own process on a test database of its own (see spawnedServices). */
export function spawnedService(
  app: string,
  label: string,
  options: SpawnOptions & Hooks = {},
): { db: TestDatabase; service: ServiceProcess } {
  const { db, services } = spawnedServices(label, { service: app }, options);
  return { db, service: provided<ServiceProcess>(`${app} process`, () => services.service).value };
}

/**
 * spawnedService with a connection of the test's own to the service's `schema` (openServiceDataSource), open once the
 * process runs: for appending events the way the service does, or reading what it wrote. Destroyed after the process
 * stopped, before the database is dropped.
 */
export function spawnedServiceWithSchema(
  app: string,
  label: string,
  schema: string,
  options: SpawnOptions & Hooks = {},
): { db: TestDatabase; service: ServiceProcess; dataSource: DataSource } {
  const dataSource = provided<DataSource>(`${label} data source`);
  const spawned = spawnedService(app, label, {
    ...options,
    after: async () => {
      await options.after?.();
      await dataSource.current()?.destroy();
    },
  });
  beforeAll(async () => dataSource.set(await openServiceDataSource(spawned.db.url, schema, `${label}-test`)));
  return { ...spawned, dataSource: dataSource.value };
}
