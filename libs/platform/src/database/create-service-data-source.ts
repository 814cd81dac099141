import { DataSource } from 'typeorm';
import type { MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;

export interface ServiceDataSourceOptions {
  databaseUrl: string;
  schema: string;
  migrations: MigrationClass[];
  applicationName: string;
  poolSize?: number;
}

/** A TypeORM DataSource confined to the service's own schema. Never synchronize: migrations only. */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    schema: options.schema,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      application_name: options.applicationName,
      // Fail fast while Postgres is down, so readiness answers instead of hanging.
      connectionTimeoutMillis: 3000,
      // Unqualified names resolve in the service schema first.
      options: `-c search_path=${options.schema},public`,
    },
  });
}
