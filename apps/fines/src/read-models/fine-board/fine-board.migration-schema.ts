import type { QueryRunner } from 'typeorm';
import { serviceSchema } from '@app/platform';

/** The register as a migration finds it: its schema, its qualified name, and whether it has a column yet. */
export interface FineBoardAsFound {
  schema: string;
  table: string;
  has(column: string): boolean;
}

/**
 * What a migration of the register reads first: a register created after the change already has (or never had) the
 * columns it adds (or drops), and then there is nothing to do.
 */
export async function fineBoardAsFound(runner: QueryRunner): Promise<FineBoardAsFound> {
  const schema = serviceSchema(runner);
  const columns: { column_name: string }[] = await runner.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'fine_board'`,
    [schema],
  );
  const names = new Set(columns.map((c) => c.column_name));
  return { schema, table: `"${schema}".fine_board`, has: (column) => names.has(column) };
}
