import type { LoggerService } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { connectWithRetry } from './connect-with-retry';
import { createServiceDataSource, type MigrationClass } from './create-service-data-source';
import { migrateUnderLock } from './migrate-under-lock';
import { grantRuntimePrivileges, runtimePrivilegeProblems } from './runtime-privileges';

export interface ServiceSchemaOptions {
  schema: string;
  migrations: MigrationClass[];
  applicationName: string;
  /** DATABASE_OWNER_URL; absent: the runtime role migrates its own schema (and so owns it). */
  ownerUrl?: string;
  /** Refuse to go on with a runtime role that could change an append-only table. */
  production?: boolean;
}

/**
 * Brings the service schema up to date before the service takes work. With an owner URL, a short-lived owner
 * connection runs the migrations and then the runtime grants under the same lock, and the runtime role (the
 * `runtime` DataSource's user) is left with read-and-append rights only: it cannot disable the append-only
 * triggers, which only an owner may do. Returns the runtime role's name.
 */
export async function migrateServiceSchema(
  runtime: DataSource,
  options: ServiceSchemaOptions,
  logger: LoggerService,
): Promise<string> {
  const { schema } = options;
  const [{ role }]: Array<{ role: string }> = await runtime.query('SELECT current_user AS role');
  if (!options.ownerUrl) {
    logger.warn(
      `DATABASE_OWNER_URL is not set: the runtime role ${role} runs the migrations and owns schema ${schema}, so it could ` +
        'disable the append-only triggers and change recorded events (no least privilege; set DATABASE_OWNER_URL to the schema owner)',
      'Database',
    );
    await migrateUnderLock(runtime, schema, logger);
  } else {
    const owner = createServiceDataSource({
      databaseUrl: options.ownerUrl,
      schema,
      migrations: options.migrations,
      applicationName: `${options.applicationName}-migrations`,
      poolSize: 2,
    });
    await connectWithRetry(owner, logger);
    try {
      await migrateUnderLock(owner, schema, logger, async (runner) => {
        const [{ ownerRole }]: Array<{ ownerRole: string }> = await runner.query('SELECT current_user AS "ownerRole"');
        if (ownerRole === role) {
          // Revoking from the owner would take its own rights away; this is the one-role set-up under another name.
          logger.warn(
            `DATABASE_OWNER_URL and DATABASE_URL log in as the same role ${role}: no least privilege`,
            'Database',
          );
          return;
        }
        // One transaction: a running instance never sees the grants half applied.
        await runner.startTransaction();
        try {
          await grantRuntimePrivileges(runner, schema, role);
          await runner.commitTransaction();
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
        logger.log(
          `migrated as ${ownerRole}; runs as ${role} (append-only tables: SELECT and INSERT only)`,
          'Database',
        );
      });
    } finally {
      await owner.destroy();
    }
  }
  const problems = await runtimePrivilegeProblems(runtime, schema);
  if (problems.length > 0 && options.production) {
    throw new Error(
      `refusing to start in production with a runtime role that could change recorded events: ${problems.join('; ')}`,
    );
  }
  if (problems.length > 0 && options.ownerUrl)
    logger.warn(`the runtime role has more rights than it needs: ${problems.join('; ')}`, 'Database');
  return role;
}
