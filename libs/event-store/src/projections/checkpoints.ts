import type { DataSource, EntityManager } from 'typeorm';
import type { LogPosition } from './log-position';

/** Locks and returns a reader's checkpoint (created at the log start the first time). */
export async function lockCheckpoint(manager: EntityManager, schema: string, name: string): Promise<LogPosition> {
  return readCheckpoint(manager, schema, name, 'FOR UPDATE');
}

/** The checkpoint, created at the log's start if there is none; lockCheckpoint also locks it for the transaction. */
export async function readCheckpoint(
  manager: EntityManager,
  schema: string,
  name: string,
  lock: '' | 'FOR UPDATE' = '',
): Promise<LogPosition> {
  await manager.query(
    `INSERT INTO "${schema}".projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  return (await findCheckpoint(manager, schema, name, lock))!;
}

/** The checkpoint if there is one, without creating it. */
export async function findCheckpoint(
  db: EntityManager | DataSource,
  schema: string,
  name: string,
  lock: '' | 'FOR UPDATE' = '',
): Promise<LogPosition | undefined> {
  const [row] = await db.query(
    `SELECT last_transaction_id::text AS transaction_text, last_position::text AS position
       FROM "${schema}".projection_checkpoints WHERE name = $1 ${lock}`,
    [name],
  );
  return row ? { transactionId: row.transaction_text, position: row.position } : undefined;
}

export async function saveCheckpoint(
  manager: EntityManager,
  schema: string,
  name: string,
  at: LogPosition,
): Promise<void> {
  await manager.query(
    `UPDATE "${schema}".projection_checkpoints
        SET last_transaction_id = $2::xid8, last_position = $3, updated_at = now() WHERE name = $1`,
    [name, at.transactionId, at.position],
  );
}
