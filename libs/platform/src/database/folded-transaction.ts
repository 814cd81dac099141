import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** The pg client under a TypeORM query runner: a text without parameters goes in one round trip, several statements at once. */
interface PgResult {
  command: string;
  rows: Array<Record<string, unknown>>;
}
interface PgSimpleClient {
  query(text: string): Promise<PgResult | PgResult[]>;
}

/** The result of the last statement of a simple-protocol text. */
function lastResult(result: PgResult | PgResult[]): PgResult {
  return Array.isArray(result) ? result[result.length - 1] : result;
}

/**
 * Tells TypeORM the runner is inside a transaction it did not open itself, so that a manager.transaction() inside
 * becomes a SAVEPOINT, as in a transaction TypeORM opened.
 */
function markInTransaction(runner: QueryRunner, active: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = active;
  state.transactionDepth = active ? 1 : 0;
}

/**
 * A transaction whose BEGIN travels with its first statement in one round trip, and whose COMMIT is one more: TypeORM's
 * transaction() spends a round trip on START TRANSACTION alone, and under load every round trip waits for a CPU.
 * `first` has no parameters (simple protocol): its values must be inlined as escaped literals by the caller, as must
 * those of `last`, a statement sent with the COMMIT (if it fails, the COMMIT never runs and everything rolls back).
 */
export async function transactionOpenedWith<T>(
  dataSource: DataSource,
  begin: 'BEGIN' | 'BEGIN ISOLATION LEVEL REPEATABLE READ',
  first: string,
  work: (manager: EntityManager, firstRows: Array<Record<string, unknown>>) => Promise<T>,
  last?: (result: T) => string,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  let client: PgSimpleClient | undefined;
  try {
    client = (await runner.connect()) as PgSimpleClient;
    const { rows } = lastResult(await client.query(`${begin}; ${first}`));
    markInTransaction(runner, true);
    const result = await work(runner.manager, rows);
    const closing = last?.(result);
    // Postgres answers COMMIT of a transaction a swallowed error aborted with ROLLBACK, not with an error.
    if (lastResult(await client.query(closing ? `${closing}; COMMIT` : 'COMMIT')).command === 'ROLLBACK') {
      throw new Error('the transaction had failed inside and was rolled back at COMMIT');
    }
    return result;
  } catch (error) {
    await client?.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    markInTransaction(runner, false);
    await runner.release();
  }
}
