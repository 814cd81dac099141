import { schemaMigration, type MigrationClass } from '@app/platform';
import { qualified, type Projection } from './projection';

/**
 * A migration creating the tables of the given projections from their own definitions (the same DDL a rebuild
 * uses). `name` must end in a timestamp, as TypeORM orders migrations by it.
 */
export function projectionTablesMigration(name: string, projections: Projection[]): MigrationClass {
  return schemaMigration(name, {
    up: (s) => projections.map((p) => p.createTable(qualified(s, p.table))),
    down: (s) => projections.map((p) => `DROP TABLE ${qualified(s, p.table)}`),
  });
}
