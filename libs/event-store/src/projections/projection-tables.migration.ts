import type { MigrationInterface, QueryRunner } from 'typeorm';
import { qualified, type Projection } from './projection';

/**
 * A migration creating the tables of the given projections from their own definitions (the same DDL a rebuild
 * uses). `name` must end in a timestamp, as TypeORM orders migrations by it.
 */
export function projectionTablesMigration(name: string, projections: Projection[]): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;

    async up(runner: QueryRunner): Promise<void> {
      const schema = (runner.connection.options as { schema: string }).schema;
      for (const p of projections) await runner.query(p.createTable(qualified(schema, p.table)));
    }

    async down(runner: QueryRunner): Promise<void> {
      const schema = (runner.connection.options as { schema: string }).schema;
      for (const p of projections) await runner.query(`DROP TABLE ${qualified(schema, p.table)}`);
    }
  };
}
