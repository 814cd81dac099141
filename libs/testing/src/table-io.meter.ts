import type { DataSource } from 'typeorm';
import type { EventStoreFixture } from './event-store-fixture';

/** Blocks read (from the cache or the disk) and scans of some tables, as PostgreSQL's statistics views count them. */
export interface TableIo {
  /** Of the tables, their indexes and their TOAST. */
  blocks: number;
  seqScans: number;
  indexScans: number;
}

/**
 * Measures what a read costs in some tables of a fixture's schema: `measure(read)` runs it on a pool of one
 * connection of its own (opened at the first call, when the fixture made in a beforeAll is there) and gives its
 * result with the blocks and scans it cost. One connection, so the backend that read is the one flushed before and
 * after: a backend hands its counts to the views at most once a second, unless told to (pg_stat_force_next_flush) at
 * its next idle moment.
 */
export function tableIoMeter(fixture: () => EventStoreFixture, tables: string[]) {
  let single: DataSource | undefined;
  const counts = async (db: DataSource, schema: string): Promise<TableIo> => {
    await db.query('SELECT pg_stat_force_next_flush()');
    await db.query('SELECT 1');
    const [row]: Array<{ blocks: number; seq: number; idx: number }> = await db.query(
      `SELECT sum(io.heap_blks_read + io.heap_blks_hit + coalesce(io.idx_blks_read + io.idx_blks_hit, 0)
                  + coalesce(io.toast_blks_read + io.toast_blks_hit + io.tidx_blks_read + io.tidx_blks_hit, 0))::int AS blocks,
              sum(st.seq_scan)::int AS seq, sum(coalesce(st.idx_scan, 0))::int AS idx
         FROM pg_statio_user_tables io JOIN pg_stat_user_tables st USING (relid)
        WHERE io.schemaname = $1 AND io.relname = ANY($2::text[])`,
      [schema, tables],
    );
    return { blocks: row.blocks, seqScans: row.seq, indexScans: row.idx };
  };
  return async <T>(read: (db: DataSource) => Promise<T>): Promise<TableIo & { result: T }> => {
    const { schema } = fixture();
    const db = (single ??= await fixture().openDataSource(1));
    const before = await counts(db, schema);
    const result = await read(db);
    const after = await counts(db, schema);
    return {
      result,
      blocks: after.blocks - before.blocks,
      seqScans: after.seqScans - before.seqScans,
      indexScans: after.indexScans - before.indexScans,
    };
  };
}
