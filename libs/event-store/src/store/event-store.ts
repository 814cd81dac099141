import { randomUUID } from 'node:crypto';
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { currentTraceCarrier, transactionOpenedWith, uniqueViolation } from '@app/platform';
import type { CommandMetadata, DomainEvent } from '@app/domain-kernel';
import { qualified, type InlineProjection } from '../projections/projection';
import { CURRENT_HASH_SCHEME, eventHash, GENESIS_HASH } from '../integrity/event-hash';
import { recordTraceContext } from './event-trace-contexts';
import {
  EVENT_COLUMNS,
  type EventMetadata,
  type EventRow,
  type RecordedEvent,
  toRecordedEvent,
} from './recorded-event';
import { RelayWakeUps } from './relay-wake-ups';
import { UpcasterRegistry } from './upcasters';
import { VersionConflictError } from './version-conflict.error';

export interface ReadStreamOptions {
  /** Only events up to this stream version (time travel by version). */
  toVersion?: number;
  /** Only events after this stream version (what came since a known tail); the slice's version is 0 if none. */
  afterVersion?: number;
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
}

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
  }

  /** Whether a command's append can be one statement: no inline projection needs a round trip of its own. */
  readonly appendsInOneStatement: boolean;

  private readonly wakeUps: RelayWakeUps;

  get table(): string {
    return `"${this.schema}".events`;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StreamSlice> {
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.toVersion !== undefined) {
      params.push(options.toVersion);
      where += ` AND stream_version <= $${params.length}`;
    }
    if (options.afterVersion !== undefined) {
      params.push(options.afterVersion);
      where += ` AND stream_version > $${params.length}`;
    }
    if (options.asOf !== undefined) {
      params.push(options.asOf);
      where += ` AND recorded_at <= $${params.length}`;
    }
    const rows: EventRow[] = await (options.manager ?? this.dataSource).query(
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
      ? `SELECT stream_version, hash FROM ${this.table} WHERE stream_id = ${escapeLiteral(streamId)} ORDER BY stream_version DESC LIMIT 1`
      : `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE stream_id = ${escapeLiteral(streamId)} ORDER BY stream_version`;
    return transactionOpenedWith(this.dataSource, 'BEGIN', read, (manager, rows) =>
      work(manager, this.slice(streamId, rows as unknown as EventRow[], options.tailOnly)),
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
   * Call it before any other write of the transaction: the transaction id is taken at the first write, and
   * readers ordering by it rely on a stream's later events having later transaction ids.
   */
  async append(manager: EntityManager, request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) return [];
    const { folded, separate } = this.inlineSplit(request);
    const recorded = await this.insert(manager, request, folded);
    await this.afterInsert(manager, recorded, separate);
    return recorded;
  }

  /**
   * Appends where the caller knows the stream's tail (its version and last hash: a command has just read it, a
   * writer has just appended). When tracing is off and every inline projection the events go to is a statement,
   * that is ONE statement outside any transaction — the insert, the tail check, the projections and the outbox
   * wake-up together, atomic as any single statement; otherwise one short transaction. A tail that moved (another
   * writer appended) is a StreamVersionTaken, as in append.
   */
  async appendKnownTail(request: AppendRequest): Promise<RecordedEvent[]> {
    if (request.events.length === 0) return [];
    const { folded, separate } = this.inlineSplit(request);
    if (separate.length === 0 && !currentTraceCarrier()) {
      const recorded = await this.insert(this.dataSource.manager, request, folded);
      this.options.onAppended?.(recorded.length);
      return recorded;
    }
    return this.dataSource.transaction((manager) => this.append(manager, request));
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

  /**
   * The INSERT of the events, hash-chained onto the caller's tail, in one statement with the folded projections and,
   * unless another append's wake-up covers it (RelayWakeUps), the NOTIFY that wakes the outbox relay (LISTEN) at
   * commit instead of at its next poll. The insert takes place
   * only if the stream's row at expectedVersion is still the one whose hash the caller chained onto (none for a new
   * stream): with the unique (stream_id, stream_version) that makes a stale or invented tail a conflict, never a gap.
   */
  private async insert(manager: EntityManager, request: AppendRequest, folded: InlineProjection[]) {
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
    const hashScheme = CURRENT_HASH_SCHEME;
    let previousHash = request.previousHash;
    const metadataJson = JSON.stringify(metadata);
    const prepared = request.events.map((raw, index) => {
      // Hash exactly what jsonb will hold: plain JSON (DTO instances, Dates and undefined normalised away). One
      // stringify serves both: the hash reads the parsed copy, the INSERT sends the text.
      const payloadJson = JSON.stringify(raw.data);
      const payload = JSON.parse(payloadJson) as Record<string, unknown>;
      const streamVersion = request.expectedVersion + index + 1;
      const schemaVersion = this.upcasters.currentVersion(raw.type);
      const eventId = randomUUID();
      const hash = eventHash(hashScheme, previousHash, {
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
    const projections = folded
      .map((p, i) => `, projected_${i} AS (${p.statement!('inserted', qualified(this.schema, p.table))})`)
      .join('');
    const wake = this.wakeUps.takeTurn();
    try {
      const rows: EventRow[] = await manager.query(
        `WITH inserted AS (
         INSERT INTO ${this.table}
           (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata, occurred_at, previous_hash, hash,
            recorded_at, hash_scheme)
         SELECT e.*, $13::timestamptz, $14::smallint FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[],
                              $7::jsonb[], $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[]) AS e
          WHERE $15::int = 0 OR EXISTS (SELECT 1 FROM ${this.table} t
                                         WHERE t.stream_id = $16 AND t.stream_version = $15 AND t.hash = $17)
         RETURNING ${EVENT_COLUMNS})${projections}
         SELECT inserted.* FROM inserted${
           // Without the wake-up $12 is still read, so every parameter keeps a type.
           wake ? `, (SELECT pg_notify($12, '')) AS woken` : ` WHERE $12::text IS NOT NULL`
         } ORDER BY inserted.stream_version`,
        [
          prepared.map((p) => p.eventId),
          prepared.map(() => request.streamType),
          prepared.map(() => request.streamId),
          prepared.map((p) => p.streamVersion),
          prepared.map((p) => p.type),
          prepared.map((p) => p.schemaVersion),
          prepared.map((p) => p.payloadJson),
          prepared.map(() => metadataJson),
          prepared.map(() => occurredAt),
          prepared.map((p) => p.previousHash),
          prepared.map((p) => p.hash),
          this.wakeUps.channel,
          recordedAt,
          hashScheme,
          request.expectedVersion,
          request.streamId,
          request.previousHash,
        ],
      );
      if (rows.length === 0) throw new StreamVersionTaken(request.streamId, request.expectedVersion);
      return rows.map(toRecordedEvent);
    } catch (error) {
      if (isStreamVersionConflict(error)) throw new StreamVersionTaken(request.streamId, request.expectedVersion);
      throw error;
    }
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
