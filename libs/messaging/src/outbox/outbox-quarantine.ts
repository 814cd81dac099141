import type { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow, type RecordedEvent } from '@app/event-store';
import { ListFilter, type ListPage, type Page } from '@app/platform';

/** quarantined: its public payload failed its contract; held: a later event of a stream with a quarantined one. */
export type QuarantineStatus = 'quarantined' | 'held';

export interface QuarantineRow {
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: string;
  transactionId: string;
  eventType: string;
  status: QuarantineStatus;
  error: string;
  quarantinedAt: Date;
  releaseRequestedAt: Date | null;
  publishedAt: Date | null;
}

export interface SetAside {
  event: RecordedEvent;
  status: QuarantineStatus;
  error: string;
}

type Db = DataSource | EntityManager;

const COLUMNS = `event_id AS "eventId", stream_id AS "streamId", stream_version AS "streamVersion",
  global_position::text AS "globalPosition", transaction_id::text AS "transactionId", event_type AS "eventType", status, error,
  quarantined_at AS "quarantinedAt", release_requested_at AS "releaseRequestedAt", published_at AS "publishedAt"`;

export const heldReason = (blockingEventId: string) =>
  `held behind quarantined event ${blockingEventId} of the same stream`;

/**
 * The outbox_quarantine table of one service schema (CreateOutboxQuarantine1764600000000): what the relay set aside,
 * the operator's release requests, and what a release published. Every method takes the connection to use.
 */
export class OutboxQuarantine {
  private present?: boolean;

  constructor(readonly schema: string) {}

  private get table(): string {
    return `"${this.schema}".outbox_quarantine`;
  }

  /** Whether the schema has the table (messagingMigrations ran); asked once. */
  async available(db: Db): Promise<boolean> {
    if (this.present === undefined) {
      const [{ present }] = await db.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [this.table]);
      this.present = Boolean(present);
    }
    return this.present;
  }

  /**
   * For a batch: the events that have a row already (a batch handed out again after a crash; their fate belongs to
   * the release now), and the streams with unpublished rows, each with its first such event (the one holding it).
   */
  async stateOf(db: Db, events: RecordedEvent[]): Promise<{ known: Set<string>; blocked: Map<string, string> }> {
    const rows: { eventId: string; streamId: string; unpublished: boolean }[] = await db.query(
      `SELECT event_id AS "eventId", stream_id AS "streamId", published_at IS NULL AS unpublished FROM ${this.table}
        WHERE event_id = ANY($1::uuid[]) OR (published_at IS NULL AND stream_id = ANY($2::text[]))
        ORDER BY global_position`,
      [events.map((e) => e.eventId), [...new Set(events.map((e) => e.streamId))]],
    );
    const ids = new Set(events.map((e) => e.eventId));
    const known = new Set(rows.filter((r) => ids.has(r.eventId)).map((r) => r.eventId));
    const blocked = new Map<string, string>();
    for (const row of rows) if (row.unpublished && !blocked.has(row.streamId)) blocked.set(row.streamId, row.eventId);
    return { known, blocked };
  }

  /** Records set-aside events; one that has a row already keeps it (at least once: a batch may be handed out twice). */
  async record(db: Db, entries: SetAside[]): Promise<void> {
    if (entries.length === 0) return;
    await db.query(
      `INSERT INTO ${this.table} (event_id, stream_id, stream_version, global_position, transaction_id, event_type, status, error)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::xid8[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        entries.map((e) => e.event.eventId),
        entries.map((e) => e.event.streamId),
        entries.map((e) => e.event.streamVersion),
        entries.map((e) => e.event.globalPosition),
        entries.map((e) => e.event.transactionId),
        entries.map((e) => e.event.type),
        entries.map((e) => e.status),
        entries.map((e) => e.error),
      ],
    );
  }

  /**
   * A page of the unpublished rows (all, or one stream's), in the order the relay publishes them, with how many
   * there are in all: what the operators' route and CLI show.
   */
  async page(db: Db, query: { streamId?: string; page: Page }): Promise<ListPage<QuarantineRow>> {
    const filter = new ListFilter().always('published_at IS NULL').add('stream_id = ?', query.streamId);
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM ${this.table} ${filter.clause}`,
      filter.params,
    );
    const rows: QuarantineRow[] = await db.query(
      `SELECT ${COLUMNS} FROM ${this.table} ${filter.clause} ORDER BY transaction_id, global_position
        LIMIT ${query.page.limit} OFFSET ${(query.page.page - 1) * query.page.limit}`,
      filter.params,
    );
    return {
      items: rows.map((r) => ({ ...r, streamVersion: Number(r.streamVersion) })),
      page: query.page.page,
      limit: query.page.limit,
      total,
    };
  }

  /** A stream's unpublished rows, all of them, in the order the relay publishes them (the relay's own read). */
  async list(db: Db, streamId: string): Promise<QuarantineRow[]> {
    const rows: QuarantineRow[] = await db.query(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE published_at IS NULL AND stream_id = $1
        ORDER BY transaction_id, global_position`,
      [streamId],
    );
    return rows.map((r) => ({ ...r, streamVersion: Number(r.streamVersion) }));
  }

  /** The operator's release of one stream (or all): the relay publishes its unpublished rows, in order, next time it looks. */
  async requestRelease(
    db: Db,
    target: { streamId: string } | { all: true },
  ): Promise<{ events: number; streams: number }> {
    const [counts]: { events: number; streams: number }[] = await db.query(
      `WITH released AS (
         UPDATE ${this.table} SET release_requested_at = now()
          WHERE published_at IS NULL ${'streamId' in target ? 'AND stream_id = $1' : ''}
          RETURNING stream_id)
       SELECT count(*)::int AS events, count(DISTINCT stream_id)::int AS streams FROM released`,
      'streamId' in target ? [target.streamId] : [],
    );
    return counts;
  }

  /** Streams an operator released that still have unpublished rows. */
  async releasedStreams(db: Db): Promise<string[]> {
    const rows: { stream_id: string }[] = await db.query(
      `SELECT stream_id FROM ${this.table} WHERE published_at IS NULL AND release_requested_at IS NOT NULL
        GROUP BY stream_id ORDER BY min(global_position)`,
    );
    return rows.map((r) => r.stream_id);
  }

  /** A stream's unpublished rows in order, each with its stored event (upcast by the caller). */
  async pending(db: Db, streamId: string): Promise<Array<{ row: QuarantineRow; event?: RecordedEvent }>> {
    const rows = await this.list(db, streamId);
    if (rows.length === 0) return [];
    const events: EventRow[] = await db.query(
      `SELECT ${EVENT_COLUMNS} FROM "${this.schema}".events WHERE event_id = ANY($1::uuid[])`,
      [rows.map((r) => r.eventId)],
    );
    const byId = new Map(events.map((e) => [e.event_id, toRecordedEvent(e)]));
    return rows.map((row) => ({ row, event: byId.get(row.eventId) }));
  }

  /**
   * After a release of `streamId`'s rows `attempted`: those in `published` are marked published; `failed` (if one
   * failed its contract again) is quarantined with its new error and the rows after it held behind it. The release
   * request is spent either way: after another fix the operator releases again.
   */
  async settle(
    db: Db,
    streamId: string,
    attempted: string[],
    published: string[],
    failed?: { eventId: string; error: string },
  ): Promise<void> {
    await db.query(
      `UPDATE ${this.table} SET
         published_at = CASE WHEN event_id = ANY($3::uuid[]) THEN now() END,
         status = CASE WHEN event_id = ANY($3::uuid[]) THEN status WHEN event_id = $4::uuid THEN 'quarantined' ELSE 'held' END,
         error = CASE WHEN event_id = ANY($3::uuid[]) THEN error WHEN event_id = $4::uuid THEN $5 ELSE $6 END,
         release_requested_at = CASE WHEN event_id = ANY($3::uuid[]) THEN release_requested_at END
       WHERE stream_id = $1 AND event_id = ANY($2::uuid[]) AND published_at IS NULL`,
      [
        streamId,
        attempted,
        published,
        failed?.eventId ?? null,
        failed?.error ?? null,
        failed ? heldReason(failed.eventId) : null,
      ],
    );
  }

  /** Unpublished rows by status, for the gauge. */
  async counts(db: Db): Promise<Record<QuarantineStatus, number>> {
    const rows: { status: QuarantineStatus; n: number }[] = await db.query(
      `SELECT status, count(*)::int AS n FROM ${this.table} WHERE published_at IS NULL GROUP BY status`,
    );
    const counts: Record<QuarantineStatus, number> = { quarantined: 0, held: 0 };
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }
}
