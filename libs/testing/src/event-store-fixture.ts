import { EventStore, eventStoreMigrations, UpcasterRegistry, type InlineProjection } from '@app/event-store';
import { createServiceDataSource, type MigrationClass } from '@app/platform';
import type { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface EventStoreFixture {
  db: TestDatabase;
  dataSource: DataSource;
  schema: string;
  store: EventStore;
  /** A second pool on the same database, for concurrent transactions the first must not see through. */
  openDataSource(poolSize?: number): Promise<DataSource>;
  close(): Promise<void>;
}

/** A fresh database with one migrated service schema and an event store on it (real Postgres). */
export async function createEventStoreFixture(
  label: string,
  options: {
    upcasters?: UpcasterRegistry;
    migrations?: MigrationClass[];
    poolSize?: number;
    inlineProjections?: InlineProjection[];
  } = {},
): Promise<EventStoreFixture> {
  const db = await createTestDatabase(label);
  const schema = 'es_test';
  const opened: DataSource[] = [];
  const open = async (poolSize = options.poolSize ?? 10) => {
    const ds = createServiceDataSource({
      databaseUrl: db.url,
      schema,
      migrations: [...eventStoreMigrations, ...(options.migrations ?? [])],
      applicationName: `test-${label}`,
      poolSize,
    });
    await ds.initialize();
    opened.push(ds);
    return ds;
  };
  const dataSource = await open();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    db,
    dataSource,
    schema,
    store: new EventStore(dataSource, schema, options.upcasters ?? new UpcasterRegistry(), {
      inlineProjections: options.inlineProjections,
    }),
    openDataSource: open,
    async close() {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      await db.drop();
    },
  };
}
