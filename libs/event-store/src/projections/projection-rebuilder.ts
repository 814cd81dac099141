import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore } from '../store/event-store';
import { EVENT_COLUMNS, type EventRow, type RecordedEvent, toRecordedEvent } from '../store/recorded-event';
import { findCheckpoint, lockCheckpoint, saveCheckpoint } from './checkpoints';
import { LOG_START, positionOf, readCommittedEvents, type LogPosition } from './log-position';
import { qualified, type Projection } from './projection';
import { projectionCheckpointName } from './projection-runner';

export interface RebuildProgress {
  eventsRead: number;
  eventsTotal: number;
  eventsPerSecond: number;
}

export interface TableDifference {
  /** Rows only in the live table / only in the rebuilt one, up to `sampleSize` of each. */
  onlyInLive: Record<string, unknown>[];
  onlyInRebuilt: Record<string, unknown>[];
  onlyInLiveCount: number;
  onlyInRebuiltCount: number;
}

export interface RebuildResult {
  projection: string;
  eventsRead: number;
  seconds: number;
  eventsPerSecond: number;
  swapped: boolean;
  /** Present with verify: how the rebuilt table differs from the live one (empty when identical). */
  differences?: TableDifference;
}

const BATCH = 2000;

/**
 * Replays every event into a fresh table, then either swaps it in (rename inside one transaction, so readers
 * see the old table or the new one, never an empty one) or, with verify, compares it with the live table row by
 * row at the same log position and drops it.
 */
export class ProjectionRebuilder {
  private readonly dataSource: DataSource;
  private readonly schema: string;

  constructor(private readonly store: EventStore) {
    this.dataSource = store.dataSource;
    this.schema = store.schema;
  }

  async rebuild(
    projection: Projection,
    options: { verify?: boolean; sampleSize?: number; onProgress?: (p: RebuildProgress) => void } = {},
  ): Promise<RebuildResult> {
    const started = Date.now();
    const liveTable = qualified(this.schema, projection.table);
    const scratchName = `${projection.table}__rebuild`;
    const scratch = qualified(this.schema, scratchName);
    await this.dataSource.query(`DROP TABLE IF EXISTS ${scratch}`);
    await this.dataSource.query(projection.createTable(scratch));

    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM "${this.schema}".events`);
    let eventsRead = 0;
    const report = () =>
      options.onProgress?.({
        eventsRead,
        eventsTotal: total,
        eventsPerSecond: Math.round(eventsRead / Math.max((Date.now() - started) / 1000, 0.001)),
      });

    // Bulk phase: commit-safe reads, no locks held, while the service keeps running. Verifying an asynchronous
    // projection compares at its checkpoint, so the replay must not run past it.
    const bound = options.verify && projection.mode === 'async' ? await this.checkpointOf(projection) : undefined;
    let at: LogPosition = LOG_START;
    // The next batch is read (on another connection) while this one is applied, so reading and writing overlap
    // instead of taking turns; the reads do not depend on the scratch table's writes.
    const read = (from: LogPosition) => readCommittedEvents(this.dataSource, this.schema, from, BATCH, bound);
    for (let next = read(at); ;) {
      const events = await next;
      if (events.length === 0) break;
      at = positionOf(events[events.length - 1]);
      next = read(at);
      // Should the write fail, the read already under way is not left to reject unheard.
      next.catch(() => undefined);
      await this.dataSource.transaction((m) => this.applyRelevant(m, projection, events, scratch));
      eventsRead += events.length;
      report();
    }

    // Final phase: stop the live writer for a moment, catch up to exactly where the live table is, then compare or swap.
    let differences: TableDifference | undefined;
    await this.dataSource.transaction(async (manager) => {
      let liveAt: LogPosition | undefined;
      if (projection.mode === 'inline') {
        // Blocks appends (and so inline updates) until commit; waits for appends in flight.
        await manager.query(`LOCK TABLE "${this.schema}".events IN SHARE ROW EXCLUSIVE MODE`);
      } else {
        liveAt = await lockCheckpoint(manager, this.schema, projectionCheckpointName(projection));
      }
      for (;;) {
        const events = liveAt
          ? await readCommittedEvents(manager, this.schema, at, BATCH, liveAt)
          : await this.readAllAfter(manager, at);
        if (events.length === 0) break;
        await this.applyRelevant(manager, projection, events, scratch);
        at = positionOf(events[events.length - 1]);
        eventsRead += events.length;
      }
      report();
      if (options.verify) {
        differences = await this.compare(manager, liveTable, scratch, options.sampleSize ?? 10);
        await manager.query(`DROP TABLE ${scratch}`);
        return;
      }
      await manager.query(`LOCK TABLE ${liveTable} IN ACCESS EXCLUSIVE MODE`);
      await this.keepOwnerAndGrants(manager, liveTable, scratch);
      await manager.query(`DROP TABLE ${liveTable}`);
      await manager.query(`ALTER TABLE ${scratch} RENAME TO "${projection.table}"`);
      await this.renameIndexes(manager, projection.table, scratchName);
      if (projection.mode === 'async')
        await saveCheckpoint(manager, this.schema, projectionCheckpointName(projection), at);
    });
    const seconds = (Date.now() - started) / 1000;
    return {
      projection: projection.name,
      eventsRead,
      seconds,
      eventsPerSecond: Math.round(eventsRead / Math.max(seconds, 0.001)),
      swapped: !options.verify,
      differences,
    };
  }

  private async applyRelevant(manager: EntityManager, projection: Projection, events: RecordedEvent[], table: string) {
    const relevant = events.map((e) => this.store.upcast(e)).filter((e) => projection.handles(e));
    if (relevant.length > 0) await projection.apply(manager, relevant, table);
  }

  private async checkpointOf(projection: Projection): Promise<LogPosition> {
    return (await findCheckpoint(this.dataSource, this.schema, projectionCheckpointName(projection))) ?? LOG_START;
  }

  /**
   * The rebuilt table takes over the live one's owner and grants, so whoever ran the rebuild (the schema owner, or
   * an admin), the service's runtime role keeps exactly the rights the grant rule gave it (runtime-privileges.ts).
   */
  private async keepOwnerAndGrants(manager: EntityManager, live: string, scratch: string): Promise<void> {
    const [{ owner, current }]: Array<{ owner: string; current: string }> = await manager.query(
      `SELECT pg_get_userbyid(relowner) AS owner, pg_get_userbyid((SELECT relowner FROM pg_class WHERE oid = $2::regclass)) AS current
         FROM pg_class WHERE oid = $1::regclass`,
      [live, scratch],
    );
    if (owner !== current) await manager.query(`ALTER TABLE ${scratch} OWNER TO "${owner.replace(/"/g, '""')}"`);
    const grants: Array<{ grantee: string; privilege: string }> = await manager.query(
      `SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END AS grantee, a.privilege_type AS privilege
         FROM pg_class c, aclexplode(c.relacl) a WHERE c.oid = $1::regclass AND a.grantee <> c.relowner`,
      [live],
    );
    for (const { grantee, privilege } of grants) await manager.query(`GRANT ${privilege} ON ${scratch} TO ${grantee}`);
  }

  /** Indexes keep the scratch table's names after the rename; give them the live names so the next rebuild can reuse them. */
  private async renameIndexes(manager: EntityManager, table: string, scratchName: string): Promise<void> {
    const indexes: { indexname: string }[] = await manager.query(
      `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2`,
      [this.schema, table],
    );
    for (const { indexname } of indexes) {
      if (indexname.includes(scratchName)) {
        await manager.query(
          `ALTER INDEX "${this.schema}"."${indexname}" RENAME TO "${indexname.replace(scratchName, table)}"`,
        );
      }
    }
  }

  /** With appends blocked, every event is committed: read past the in-flight horizon of the bulk phase. */
  private async readAllAfter(manager: EntityManager, at: LogPosition): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT ${EVENT_COLUMNS} FROM "${this.schema}".events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        ORDER BY transaction_id, global_position LIMIT $3`,
      [at.transactionId, at.position, BATCH],
    );
    return rows.map(toRecordedEvent);
  }

  private async compare(
    manager: EntityManager,
    live: string,
    rebuilt: string,
    sampleSize: number,
  ): Promise<TableDifference> {
    const diff = async (a: string, b: string) => {
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) d`,
      );
      const sample = await manager.query(
        `SELECT * FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) d LIMIT $1`,
        [sampleSize],
      );
      return { count: Number(count), sample };
    };
    const onlyInLive = await diff(live, rebuilt);
    const onlyInRebuilt = await diff(rebuilt, live);
    return {
      onlyInLive: onlyInLive.sample,
      onlyInRebuilt: onlyInRebuilt.sample,
      onlyInLiveCount: onlyInLive.count,
      onlyInRebuiltCount: onlyInRebuilt.count,
    };
  }
}
