import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

interface PgNamedClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: Array<Record<string, unknown>> }>;
}

/** Statement names by text: the hash is taken once per text, not per call. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A hot statement as a named prepared statement: Postgres parses it once per connection and, after a few runs,
 * keeps its plan, where TypeORM's query() sends the text to be parsed and planned on every call. The name is
 * derived from the text, so one text is one statement on every connection and two texts never share a name. In a
 * transaction (the manager's query runner holds a connection) it runs there; otherwise on any pooled connection.
 * Only for statements whose text is fixed per schema (the values all go as parameters).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  on: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const manager = 'createQueryRunner' in on ? on.manager : on;
  const runner = manager.queryRunner;
  const config = { name: statementName(text), text, values };
  if (runner && !runner.isReleased) {
    const client = (await runner.connect()) as PgNamedClient;
    return (await client.query(config)).rows as T[];
  }
  const pool = (manager.connection.driver as unknown as { master: PgNamedClient }).master;
  return (await pool.query(config)).rows as T[];
}
