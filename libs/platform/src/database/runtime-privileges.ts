import type { Queryable } from './queryable';

/** The trigger suffix that marks a table as append-only (events_append_only, merkle_leaves_append_only, ...). */
const APPEND_ONLY_TRIGGER = '%\\_append_only';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the schema that carry a `<name>_append_only` trigger (user triggers only, not constraint ones). */
export async function appendOnlyTables(db: Queryable, schema: string): Promise<string[]> {
  const rows: Array<{ table: string }> = await db.query(
    `SELECT DISTINCT c.relname AS table
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND NOT t.tgisinternal AND t.tgname LIKE $2
      ORDER BY 1`,
    [schema, APPEND_ONLY_TRIGGER],
  );
  return rows.map((r) => r.table);
}

/**
 * The one grant rule of the runtime role, run by the schema owner after every migration run (idempotent, so a
 * table a later migration adds is covered by the next start): append-only tables may only be read and appended
 * to, every other table read and written row by row, the migrations table only read. Never TRUNCATE, TRIGGER or
 * REFERENCES, and never ownership: an owner may disable triggers, which is what the append-only guard rests on.
 */
export async function grantRuntimePrivileges(db: Queryable, schema: string, runtimeRole: string): Promise<void> {
  const s = ident(schema);
  const role = ident(runtimeRole);
  const appendOnly = new Set(await appendOnlyTables(db, schema));
  const tables: Array<{ table: string }> = await db.query(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1`,
    [schema],
  );
  // Every statement is built here and sent in one round trip (names quoted, no parameters): ~60 GRANTs and REVOKEs
  // otherwise cost as many round trips at each start.
  const statements = [`GRANT USAGE ON SCHEMA ${s} TO ${role}`];
  for (const { table } of tables) {
    const t = `${s}.${ident(table)}`;
    if (appendOnly.has(table) || table === 'migrations') {
      statements.push(`REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${t} FROM ${role}`);
      // Migrations are the owner's business: the runtime role may see which ran, never record one.
      statements.push(
        table === 'migrations' ? `REVOKE INSERT ON ${t} FROM ${role}` : `GRANT INSERT ON ${t} TO ${role}`,
      );
      statements.push(`GRANT SELECT ON ${t} TO ${role}`);
    } else {
      statements.push(`REVOKE TRUNCATE, TRIGGER, REFERENCES ON ${t} FROM ${role}`);
      statements.push(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${t} TO ${role}`);
    }
  }
  // bigserial columns: INSERT draws from their sequences.
  statements.push(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`);
  await db.query(statements.join(';\n'));
}

/**
 * What the connected (runtime) role may do that it should not: be a superuser, own the schema (or inherit its
 * owner's rights), or change rows of an append-only table. Empty when it runs with least privilege.
 */
export async function runtimePrivilegeProblems(db: Queryable, schema: string): Promise<string[]> {
  const [role]: Array<{ name: string; superuser: boolean; owns: boolean | null }> = await db.query(
    `SELECT current_user AS name, r.rolsuper AS superuser,
            (SELECT pg_has_role(current_user, n.nspowner, 'USAGE') FROM pg_namespace n WHERE n.nspname = $1) AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
    [schema],
  );
  const problems: string[] = [];
  if (role.superuser) problems.push(`${role.name} is a superuser`);
  if (role.owns) problems.push(`${role.name} owns schema ${schema} (or is a member of its owner)`);
  for (const table of await appendOnlyTables(db, schema)) {
    const [rights]: Array<{ granted: string[] }> = await db.query(
      `SELECT array_remove(ARRAY[
                CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
                CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
                CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END,
                CASE WHEN has_table_privilege(c.oid, 'TRIGGER') THEN 'TRIGGER' END], NULL) AS granted
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
      [schema, table],
    );
    if (rights?.granted.length)
      problems.push(`${role.name} has ${rights.granted.join(', ')} on append-only ${schema}.${table}`);
  }
  return problems;
}
