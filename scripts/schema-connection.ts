// The operator scripts' connection to a service's schema (audit:verify, outbox:release, projections:rebuild), apart
// from cli-support so that the scripts without a database do not load TypeORM.
import type { DataSource } from 'typeorm';
import { createServiceDataSource } from '@app/platform';
import { fail, redactUrl } from './cli-support';

export interface SchemaConnectionOptions {
  databaseUrl: string;
  /** The variable the URL came from, named when the connection fails. */
  variable: string;
  schema: string;
  applicationName: string;
}

/**
 * A connection to the service's schema, open; no migrations (the service runs its own). Exits 2 naming the variable
 * and the server (password hidden) when it cannot connect.
 */
export async function connectToSchema(o: SchemaConnectionOptions): Promise<DataSource> {
  const ds = createServiceDataSource({
    databaseUrl: o.databaseUrl,
    schema: o.schema,
    migrations: [],
    applicationName: o.applicationName,
  });
  try {
    await ds.initialize();
  } catch (error) {
    fail(`cannot connect to ${o.variable} (${redactUrl(o.databaseUrl)}): ${(error as Error).message}`);
  }
  return ds;
}
