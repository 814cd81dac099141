import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { MigrationClass } from './create-service-data-source';

/** The schema a migration runs in: the service's own, the one its data source was made for (createServiceDataSource). */
export function serviceSchema(runner: QueryRunner): string {
  return (runner.connection.options as { schema: string }).schema;
}

/** A migration's statements, given the name of the service's schema; each list runs in order. */
export interface SchemaMigrationSql {
  up(schema: string): string[];
  down(schema: string): string[];
}

/**
 * A migration that is SQL alone over the service's own schema. `name` ends in the timestamp TypeORM orders migrations
 * by, and is what it records as run: once a migration has run anywhere its statements are the record of what it did,
 * so a change to its tables is a new migration, never an edit of these.
 */
export function schemaMigration(name: string, sql: SchemaMigrationSql): MigrationClass {
  return class implements MigrationInterface {
    name = name;

    async up(runner: QueryRunner): Promise<void> {
      for (const statement of sql.up(serviceSchema(runner))) await runner.query(statement);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const statement of sql.down(serviceSchema(runner))) await runner.query(statement);
    }
  };
}

export interface TableDefinition {
  /** The column and constraint lines between the parentheses of CREATE TABLE, as written (indented by 8). */
  columns: string;
  /** Statements after the table is created (its indexes); dropping the table drops them too. */
  indexes?: (schema: string) => string[];
}

/**
 * A migration creating one table in the service's schema (down: dropping it). The statement keeps the layout the
 * migrations have always sent: a newline, `CREATE TABLE` indented by 6, the columns, and `)` indented by 6.
 */
export function tableMigration(name: string, table: string, definition: TableDefinition): MigrationClass {
  return schemaMigration(name, {
    up: (s) => [
      `\n      CREATE TABLE "${s}".${table} (${definition.columns}\n      )`,
      ...(definition.indexes?.(s) ?? []),
    ],
    down: (s) => [`DROP TABLE "${s}".${table}`],
  });
}
