import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { currentTraceCarrier, preparedQuery, textLiteral, transactionOpenedWith, uniqueViolation } from '@app/platform';
import type { CommandMetadata, DomainEvent } from '@app/domain-kernel';
import { qualified, type InlineProjection } from '../projections/projection';
import { CURRENT_HASH_SCHEME, eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { recordTraceContext } from './event-trace-contexts';
import { AppendAfterOtherWritesError, holdsLogLock, logLockStatement, noteLogLockHeld } from './log-lock';
import {
  EVENT_COLUMNS,
  type EventMetadata,
  type EventRow,
  type RecordedEvent,
  toRecordedEvent,
} from './recorded-event';
import { RelayWakeUps } from './relay-wake-ups';
import { StatementBatcher } from './statement-batcher';
import { UpcasterRegistry } from './upcasters';
import { VersionConflictError } from './version-conflict.error';

export interface ReadStreamOptions {
  /** Only events up to this stream version (time travel by version). */
  toVersion?: number;
  /** Only events recorded at or before this moment (time travel by time: what the system knew then). */
  asOf?: Date;
  /** Read inside this transaction. */
  manager?: EntityManager;
}

export interface StreamSlice {
  streamId: string;
  /** Version of the last event read; 0 for a stream with no events. */
  version: number;
  /** Hash of the last event read, the previous hash of the next append. */
  lastHash: string;
  events: RecordedEvent[];
}

export interface AppendRequest {
  streamType: string;
  streamId: string;
  /** The version the caller's decision was based on; 0 for a new stream. */
  expectedVersion: number;
  /** Hash of the event at expectedVersion (GENESIS_HASH for a new stream). */
  previousHash: string;
  events: DomainEvent[];
  metadata: CommandMetadata;
}

export interface EventStoreOptions {
  /** Read models updated in the append transaction, whoever appends. */
  inlineProjections?: InlineProjection[];
  /** Called after each append with the number of events (metrics). */
  onAppended?: (count: number) => void;
  /**
   * The window in which appends share one outbox wake-up (RelayWakeUps): 5 ms unless said; 0 sends one with every
   * append.
   */
  wakeUpCoalesceMs?: number;
  /**
   * How many one-statement appends (appendKnownTail) run at once, and as many whole-stream reads; those that arrive
   * meanwhile share the next statement (StatementBatcher). 4 unless said: enough to keep a small server's cores busy,
   * few enough that under load appends travel and commit together. 1 sends them one statement after another, each
   * batch as large as the queue.
   */
  appendConcurrency?: number;
}

/** An append's rows, hashed and ready for the INSERT. */
interface PreparedAppend {
  request: AppendRequest;
  rows: Array<{
    eventId: string;
    streamVersion: number;
    schemaVersion: number;
    type: string;
    payloadJson: string;
    previousHash: string;
    hash: string;
  }>;
  metadataJson: string;
  occurredAt: Date;
  recordedAt: Date;
}

/** Appends (or stream reads) in one statement at the most: bounds its parameters and what one failure sends again. */
const MAX_REQUESTS_PER_STATEMENT = 64;

/** Reads and appends events in one service's schema. Every read goes through the upcasters. */
export class EventStore {
  constructor(
    readonly dataSource: DataSource,
    readonly schema: string,
    readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
    private readonly options: EventStoreOptions = {},
  ) {
    this.wakeUps = new RelayWakeUps(dataSource, `${schema}_events`, options.wakeUpCoalesceMs ?? 5);
    this.appendsInOneStatement = (options.inlineProjections ?? []).every((p) => p.statement !== undefined);
    this.batcher = new StatementBatcher<{ prepared: PreparedAppend; folded: InlineProjection[] }, RecordedEvent[]>(
      options.appendConcurrency ?? 4,
      MAX_REQUESTS_PER_STATEMENT,
      (batch) =>
        this.insertAll(
          dataSource.manager,
          batch.map((b) => b.prepared),
          this.foldedFor(batch),
        ),
      ({ prepared, folded }) => this.insert(dataSource.manager, prepared, folded),
    );
    this.reads = new StatementBatcher<string, StreamSlice>(
      options.appendConcurrency ?? 4,
      MAX_REQUESTS_PER_STATEMENT,
      (ids) => this.readWholeStreams(ids),
      async (id) => (await this.readWholeStreams([id]))[0],
    );
  }

  /** Whole streams in one statement (reads of several commands at once). */
  private async readWholeStreams(streamIds: string[]): Promise<StreamSlice[]> {
    const rows = await preparedQuery<EventRow>(
      this.dataSource,
      `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    const byStream = new Map<string, EventRow[]>(streamIds.map((id) => [id, []]));
    for (const row of rows) byStream.get(row.stream_id)?.push(row);
    return streamIds.map((id) => this.slice(id, byStream.get(id) ?? []));
  }

  private readonly reads: StatementBatcher<string, StreamSlice>;

  private readonly batcher: StatementBatcher<{ prepared: PreparedAppend; folded: InlineProjection[] }, RecordedEvent[]>;

  /** The projections any of the batch's appends go to, in the store's order (one statement text per set). */
  private foldedFor(batch: Array<{ folded: InlineProjection[] }>): InlineProjection[] {
    const wanted = new Set(batch.flatMap((b) => b.folded));
    return (this.options.inlineProjections ?? []).filter((p) => wanted.has(p));
  }

  /** Whether a command's append can be one statement: no inline projection needs a round trip of its own. */
  readonly appendsInOneStatement: boolean;

  private readonly wakeUps: RelayWakeUps;

  get table(): string {
    return `"${this.schema}".events`;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamSlice> {
    // The whole stream outside a transaction (a command's read): shared with the reads that arrive with it.
    if (Object.values(options).every((v) => v === undefined)) return this.reads.submit(streamId);
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.toVersion !== undefined) {
      params.push(options.toVersion);
      where += ` AND stream_version <= $${params.length}`;
    }
    if (options.asOf !== undefined) {
      params.push(options.asOf);
      where += ` AND recorded_at <= $${params.length}`;
    }
    const rows = await preparedQuery<EventRow>(
      options.manager ?? this.dataSource,
      `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE ${where} ORDER BY stream_version`,
      params,
    );
    return this.slice(streamId, rows);
  }

  /**
   * Runs `work` in a transaction that opens with the stream's read in the same round trip as its BEGIN, so the read
   * comes before the first write as append requires. With tailOnly the slice has the version and last hash but no
   * events (enough to append without a decider).
   */
  async inStreamTransaction<T>(
    streamId: string,
    work: (manager: EntityManager, stream: StreamSlice) => Promise<T>,
    options: { tailOnly?: boolean } = {},
  ): Promise<T> {
    const read = options.tailOnly
      ? `SELECT stream_version, hash FROM ${this.table} WHERE stream_id = ${textLiteral(streamId)} ORDER BY stream_version DESC LIMIT 1`
      : `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = ${textLiteral(streamId)} ORDER BY stream_version`;
    // Opened with the log lock: the work may write elsewhere before it appends (see logLockStatement).
    return transactionOpenedWith(
      this.dataSource,
      'BEGIN',
      `${logLockStatement(this.schema)}; ${read}`,
      (manager, rows) => {
        noteLogLockHeld(manager);
        return work(manager, this.slice(streamId, rows as unknown as EventRow[], options.tailOnly));
      },
    );
  }

  /** The stream from its rows; with tailOnly (the last row alone was read) no events, only where the stream stands. */
  private slice(streamId: string, rows: EventRow[], tailOnly = false): StreamSlice {
    const last = rows[rows.length - 1];
    return {
      streamId,
      version: last ? Number(last.stream_version) : 0,
      lastHash: last ? last.hash : GENESIS_HASH,
      events: tailOnly ? [] : rows.map((row) => this.upcast(toRecordedEvent(row))),
    };
  }

  /** One page of a stream's history, events with their metadata, for auditors and officials. */
  async readHistory(streamId: string, afterVersion: number, limit: number): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`,
      [streamId, afterVersion, limit],
    );
    return rows.map((row) => this.upcast(toRecordedEvent(row)));
  }

  async currentVersion(streamId: string, manager?: EntityManager): Promise<number> {
    const rows: { version: number | null }[] = await (manager ?? this.dataSource).query(
      `SELECT max(stream_version) AS version FROM ${this.table} WHERE stream_id = $1`,
      [streamId],
    );
    return Number(rows[0]?.version ?? 0);
  }

  /**
   * Appends in the caller's transaction, with the inline projections. A concurrent append to the same version fails on the unique
   * (stream_id, stream_version) constraint and surfaces as VersionConflictError once the transaction is gone.
   * Call it before any other write of the transaction (or open the transaction with the log lock, logLockStatement):
   * the transaction id is taken at the first write, readers ordering by it rely on a stream's later events having
   * later transaction ids, and they wait only for transactions that hold the log lock. An append after other writes
   * without it is refused (AppendAfterOtherWritesError), before anything is written.
   */
  async append(manager: EntityManager, request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) return [];
    if (!holdsLogLock(manager)) await this.refuseAfterOtherWrites(manager);
    const { folded, separate } = this.inlineSplit(request);
    const recorded = await this.insert(manager, this.prepare(request), folded);
    noteLogLockHeld(manager);
    await this.afterInsert(manager, recorded, separate);
    return recorded;
  }

  /**
   * Appends where the caller knows the stream's tail (its version and last hash: a command has just read it, a
   * writer has just appended). When tracing is off and every inline projection the events go to is a statement,
   * that is ONE statement outside any transaction — the insert, the tail check, the projections and the outbox
   * wake-up together, atomic as any single statement, shared under load with other such appends (StatementBatcher);
   * otherwise one short transaction. A tail that moved (another
   * writer appended) is a StreamVersionTaken, as in append.
   */
  async appendKnownTail(request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) return [];
    const { folded, separate } = this.inlineSplit(request);
    if (separate.length === 0 && !currentTraceCarrier()) {
      const recorded = await this.batcher.submit({ prepared: this.prepare(request), folded });
      this.options.onAppended?.(recorded.length);
      return recorded;
    }
    // A transaction of its own whose first write is this append: nothing to check.
    return this.dataSource.transaction((manager) => {
      noteLogLockHeld(manager);
      return this.append(manager, request);
    });
  }

  /**
   * The first append of a transaction that did not open with the log lock must be its first write: one that wrote
   * before has a transaction id the log's readers do not wait for (appendHorizon), so its events could be passed.
   */
  private async refuseAfterOtherWrites(manager: EntityManager): Promise<void> {
    const [{ xid }] = await preparedQuery<{ xid: string | null }>(
      manager,
      'SELECT pg_current_xact_id_if_assigned()::text AS xid',
      [],
    );
    if (xid !== null) throw new AppendAfterOtherWritesError(this.schema, xid);
  }

  /** The inline projections the request's events go to: folded into the INSERT (statements) or run after it. */
  private inlineSplit(request: AppendRequest): { folded: InlineProjection[]; separate: InlineProjection[] } {
    const folded: InlineProjection[] = [];
    const separate: InlineProjection[] = [];
    const pending = request.events.map(
      (e) =>
        ({ streamType: request.streamType, streamId: request.streamId, type: e.type, data: e.data }) as RecordedEvent,
    );
    for (const projection of this.options.inlineProjections ?? [])
      if (projection.statement && pending.some((e) => projection.handles(e))) folded.push(projection);
      else if (!projection.statement) separate.push(projection);
    return { folded, separate };
  }

  /** Trace context, the projections that are not statements, the metric: what follows the INSERT in a transaction. */
  private async afterInsert(manager: EntityManager, recorded: RecordedEvent[], separate: InlineProjection[]) {
    // Tracing on and inside a trace: the relay continues it when it publishes these events (undefined when off).
    const trace = currentTraceCarrier();
    if (trace)
      await recordTraceContext(
        manager,
        this.schema,
        recorded.map((e) => e.eventId),
        trace,
      );
    for (const projection of separate) {
      const relevant = recorded.filter((e) => projection.handles(e));
      if (relevant.length > 0) await projection.apply(manager, relevant, qualified(this.schema, projection.table));
    }
    this.options.onAppended?.(recorded.length);
  }

  /** The events of one append as they will be stored: ids, versions and hashes chained onto the caller's tail. */
  private prepare(request: AppendRequest): PreparedAppend {
    const metadata: EventMetadata = {
      actorId: request.metadata.actor.id,
      actorRole: request.metadata.actor.role,
      correlationId: request.metadata.correlationId,
      causationId: request.metadata.causationId ?? null,
      requestId: request.metadata.requestId,
      ...(request.metadata.via ? { actorVia: request.metadata.via } : {}),
    };
    const occurredAt = new Date(request.metadata.now.toISOString());
    // recorded_at is the application's clock at append, taken once, written explicitly and hashed (scheme 2) exactly as
    // stored: a Date has whole milliseconds, which timestamptz (microseconds) holds exactly. occurredAt is the command's time.
    const recordedAt = new Date();
    let previousHash = request.previousHash;
    const metadataJson = JSON.stringify(metadata);
    const rows = request.events.map((raw, index) => {
      // Hash exactly what jsonb will hold: plain JSON (DTO instances, Dates and undefined normalised away). One
      // stringify serves both: the hash reads the parsed copy, the INSERT sends the text.
      const payloadJson = JSON.stringify(raw.data);
      const payload = JSON.parse(payloadJson) as Record<string, unknown>;
      const streamVersion = request.expectedVersion + index + 1;
      const schemaVersion = this.upcasters.currentVersion(raw.type);
      const eventId = randomUUID();
      const hash = eventHash(CURRENT_HASH_SCHEME, previousHash, {
        eventId,
        streamType: request.streamType,
        type: raw.type,
        streamId: request.streamId,
        streamVersion,
        schemaVersion,
        payload,
        metadata,
        occurredAt,
        recordedAt,
      });
      const row = { eventId, streamVersion, schemaVersion, type: raw.type, payloadJson, previousHash, hash };
      previousHash = hash;
      return row;
    });
    return { request, rows, metadataJson, occurredAt, recordedAt };
  }

  /** One append in the caller's transaction (or on its own): its events, or StreamVersionTaken. */
  private async insert(manager: EntityManager, prepared: PreparedAppend, folded: InlineProjection[]) {
    const [result] = await this.insertAll(manager, [prepared], folded);
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * The INSERT of the appends' events, each hash-chained onto its caller's tail, in one statement with the folded
   * projections and, unless another append's wake-up covers it (RelayWakeUps), the NOTIFY that wakes the outbox relay
   * (LISTEN) at commit instead of at its next poll. An append's events are inserted only if its stream's row at its
   * expectedVersion is still the one whose hash it chained onto (none for a new stream): with the unique (stream_id,
   * stream_version) that makes a stale or invented tail a conflict, never a gap. A tail that no longer matches leaves
   * that append out (its StreamVersionTaken); a version taken meanwhile fails the statement (see StatementBatcher).
   * Planned once per connection: Postgres plans a prepared statement for its values (a custom plan) while that plan
   * looks cheaper than one for any values (the generic plan), and unnest over parameter arrays looked cheaper, as it
   * counts their elements (1 to 64) where the generic plan guesses 10: this statement was planned on every append,
   * 200 µs of the server's CPU against 140 µs to run it. unnest reading the arrays from a subquery that is kept apart
   * (OFFSET 0) guesses 10 in both, so after five runs the generic plan is kept. The tail check is a scalar subquery,
   * not EXISTS: EXISTS may be planned as a hash of the whole table, fine for a plan of a nearly empty table and ruinous
   * once that plan is kept (33 ms an append after 10,000 events); the scalar subquery is always the unique index's.
   */
  private async insertAll(
    manager: EntityManager,
    appends: PreparedAppend[],
    folded: InlineProjection[],
  ): Promise<Array<RecordedEvent[] | StreamVersionTaken>> {
    const rows = appends.flatMap((a) => a.rows.map((row) => ({ a, row })));
    const projections = folded
      .map((p, i) => `, projected_${i} AS (${p.statement!('inserted', qualified(this.schema, p.table))})`)
      .join('');
    const wake = this.wakeUps.takeTurn();
    let inserted: EventRow[];
    try {
      inserted = await preparedQuery<EventRow>(
        manager,
        `WITH inserted AS (
         INSERT INTO ${this.table}
           (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata, occurred_at, previous_hash, hash,
            recorded_at, hash_scheme)
         SELECT e.event_id, e.stream_type, e.stream_id, e.stream_version, e.event_type, e.schema_version, e.payload, e.metadata,
                e.occurred_at, e.previous_hash, e.hash, e.recorded_at, $14::smallint
           FROM (SELECT $1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[], $7::jsonb[],
                        $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[], $15::int[],
                        $16::text[] OFFSET 0)
                  AS p (event_ids, stream_types, stream_ids, stream_versions, event_types, schema_versions, payloads,
                        metadatas, occurred_ats, previous_hashes, hashes, recorded_ats, expected_versions, tail_hashes),
                unnest(p.event_ids, p.stream_types, p.stream_ids, p.stream_versions, p.event_types, p.schema_versions,
                       p.payloads, p.metadatas, p.occurred_ats, p.previous_hashes, p.hashes, p.recorded_ats,
                       p.expected_versions, p.tail_hashes)
             AS e (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                   occurred_at, previous_hash, hash, recorded_at, expected_version, tail_hash)
          WHERE e.expected_version = 0
             OR e.tail_hash = (SELECT t.hash FROM ${this.table} t
                                WHERE t.stream_id = e.stream_id AND t.stream_version = e.expected_version)
         RETURNING ${EVENT_COLUMNS})${projections}
         SELECT inserted.* FROM inserted${
           // Without the wake-up $13 is still read, so every parameter keeps a type.
           wake ? `, (SELECT pg_notify($13, '')) AS woken` : ` WHERE $13::text IS NOT NULL`
         } ORDER BY inserted.stream_id, inserted.stream_version`,
        [
          rows.map(({ row }) => row.eventId),
          rows.map(({ a }) => a.request.streamType),
          rows.map(({ a }) => a.request.streamId),
          rows.map(({ row }) => row.streamVersion),
          rows.map(({ row }) => row.type),
          rows.map(({ row }) => row.schemaVersion),
          rows.map(({ row }) => row.payloadJson),
          rows.map(({ a }) => a.metadataJson),
          rows.map(({ a }) => a.occurredAt),
          rows.map(({ row }) => row.previousHash),
          rows.map(({ row }) => row.hash),
          rows.map(({ a }) => a.recordedAt),
          this.wakeUps.channel,
          CURRENT_HASH_SCHEME,
          rows.map(({ a }) => a.request.expectedVersion),
          rows.map(({ a }) => a.request.previousHash),
        ],
      );
    } catch (error) {
      if (isStreamVersionConflict(error) && appends.length === 1)
        throw new StreamVersionTaken(appends[0].request.streamId, appends[0].request.expectedVersion);
      throw error;
    }
    const byId = new Map(inserted.map((row) => [row.event_id, row]));
    return appends.map((a) => {
      const mine = a.rows.map((row) => byId.get(row.eventId)).filter((row) => row !== undefined);
      return mine.length === 0
        ? new StreamVersionTaken(a.request.streamId, a.request.expectedVersion)
        : mine.map(toRecordedEvent);
    });
  }

  /**
   * Appends for callers without a decider (imports, tests, benchmarks). Given the hash of the event at
   * expectedVersion (the last append's), one statement; else the tail is read first.
   */
  async appendToStream(
    request: Omit<AppendRequest, 'previousHash'> & { previousHash?: string },
  ): Promise<RecordedEvent[]> {
    try {
      const previousHash = request.previousHash ?? (await this.tailHash(request.streamId, request.expectedVersion));
      return await this.appendKnownTail({ ...request, previousHash });
    } catch (error) {
      if (error instanceof StreamVersionTaken) {
        throw new VersionConflictError(
          request.streamId,
          request.expectedVersion,
          await this.currentVersion(request.streamId),
        );
      }
      throw error;
    }
  }

  /** The hash of the stream's event at that version (GENESIS_HASH at 0); a version it has not reached is a conflict. */
  private async tailHash(streamId: string, version: number): Promise<string> {
    if (version === 0) return GENESIS_HASH;
    const rows: { hash: string }[] = await this.dataSource.query(
      `SELECT hash FROM ${this.table} WHERE stream_id = $1 AND stream_version = $2`,
      [streamId, version],
    );
    if (!rows[0]) throw new StreamVersionTaken(streamId, version);
    return rows[0].hash;
  }

  upcast(event: RecordedEvent): RecordedEvent {
    const { schemaVersion, payload } = this.upcasters.upcast(
      event.type,
      event.schemaVersion,
      event.data as Record<string, unknown>,
    );
    return schemaVersion === event.schemaVersion ? event : { ...event, schemaVersion, data: payload };
  }
}

/** Raised inside the transaction; the caller turns it into VersionConflictError with the actual version. */
export class StreamVersionTaken extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`stream ${streamId}: version ${expectedVersion + 1} was appended concurrently`);
  }
}

function isStreamVersionConflict(error: unknown): boolean {
  return uniqueViolation(error)?.constraint === 'events_stream_version_unique';
}
