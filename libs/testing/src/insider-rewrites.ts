import { completeSubtrees } from '@app/transparency';
import { GENESIS_HASH, storedEventHash, type HashedColumns, type HashScheme } from '@app/event-store';

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<any>;
  transaction<T>(
    work: (manager: { query(sql: string, parameters?: unknown[]): Promise<any> }) => Promise<T>,
  ): Promise<T>;
}

/**
 * What an insider with the schema owner's rights can do, for fault tests: switch a table's append-only trigger off,
 * run the change, switch it back on, in one transaction (so the service never sees the trigger off).
 */
export async function asOwnerWithoutTrigger(
  db: Queryable,
  schema: string,
  table: string,
  sql: string,
  params: unknown[] = [],
): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`ALTER TABLE "${schema}".${table} DISABLE TRIGGER ${table}_append_only`);
    await m.query(sql, params);
    await m.query(`ALTER TABLE "${schema}".${table} ENABLE TRIGGER ${table}_append_only`);
  });
}

/**
 * Rewrites merkle_nodes wholesale from the given leaf hashes, every complete subtree recomputed: the Merkle tables
 * "rewritten to match" a rewritten event table, so every stored proof agrees with the new leaves.
 */
export async function rewriteMerkleNodes(db: Queryable, schema: string, leafHashes: readonly Buffer[]): Promise<void> {
  const rows = completeSubtrees(leafHashes);
  await db.transaction(async (m) => {
    await m.query(`ALTER TABLE "${schema}".merkle_nodes DISABLE TRIGGER merkle_nodes_append_only`);
    await m.query(`DELETE FROM "${schema}".merkle_nodes`);
    await m.query(
      `INSERT INTO "${schema}".merkle_nodes (level, node_index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
      [rows.map((r) => r.level), rows.map((r) => String(r.index)), rows.map((r) => r.hash)],
    );
    await m.query(`ALTER TABLE "${schema}".merkle_nodes ENABLE TRIGGER merkle_nodes_append_only`);
  });
}

/**
 * Recomputes a stream's hash chain with the published rule after its rows were edited, as an insider would to make
 * the chains verify again: each row by its own scheme, in stream-version order, previous hashes re-linked.
 */
export async function rechainStream(db: Queryable, schema: string, streamId: string): Promise<void> {
  const rows: (HashedColumns & { hash_scheme: number })[] = await db.query(
    `SELECT * FROM "${schema}".events WHERE stream_id = $1 ORDER BY stream_version`,
    [streamId],
  );
  let previous = GENESIS_HASH;
  const updates: { eventId: string; previous: string; hash: string }[] = [];
  for (const row of rows) {
    const hash = storedEventHash(Number(row.hash_scheme) as HashScheme, previous, row);
    updates.push({ eventId: row.event_id, previous, hash });
    previous = hash;
  }
  for (const u of updates) {
    await asOwnerWithoutTrigger(
      db,
      schema,
      'events',
      `UPDATE "${schema}".events SET previous_hash = $2, hash = $3 WHERE event_id = $1`,
      [u.eventId, u.previous, u.hash],
    );
  }
}
