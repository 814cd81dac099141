import type { LoggerService } from '@nestjs/common';
import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs pending migrations while holding a Postgres advisory lock keyed by the schema,
 * so N instances starting together apply each migration exactly once. `afterMigrations` runs under the same lock
 * (the runtime grants: concurrent GRANTs on one table can fail with "tuple concurrently updated").
 */
export async function migrateUnderLock(
  dataSource: DataSource,
  schema: string,
  logger: LoggerService,
  afterMigrations?: (runner: QueryRunner) => Promise<void>,
): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const lockKey = `migrations:${schema}`;
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((m) => m.name);
    logger.log(names.length ? `applied migrations: ${names.join(', ')}` : 'schema up to date', 'Migrations');
    await afterMigrations?.(runner);
    return names;
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
    await runner.release();
  }
}
