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
}

/** Reads and appends events in one service's schema. Every read goes through the upcasters. */
export class EventStore {
  constructor(
    readonly dataSource: DataSource,
    readonly schema: string,
    readonly upcasters: UpcasterRegistry = new UpcasterRegistry(),
    private readonly options: EventStoreOptions = {},
  ) {}

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
    const prepared = request.events.map((raw, index) => {
      // Hash exactly what jsonb will hold: plain JSON (DTO instances, Dates and undefined normalised away).
      const event = { type: raw.type, data: JSON.parse(JSON.stringify(raw.data)) as Record<string, unknown> };
      const streamVersion = request.expectedVersion + index + 1;
      const schemaVersion = this.upcasters.currentVersion(event.type);
      const eventId = randomUUID();
      const hash = eventHash(hashScheme, previousHash, {
        eventId,
        streamType: request.streamType,
        type: event.type,
        streamId: request.streamId,
        streamVersion,
        schemaVersion,
        payload: event.data,
        metadata,
        occurredAt,
        recordedAt,
      });
      const row = { eventId, streamVersion, schemaVersion, event, previousHash, hash };
      previousHash = hash;
      return row;
    });
    try {
      const rows: EventRow[] = await manager.query(
        // The NOTIFY rides in the same statement (a round trip less per append); it is delivered at commit and wakes
        // the outbox relay (LISTEN) then instead of at its next poll.
        `WITH inserted AS (
         INSERT INTO ${this.table}
           (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata, occurred_at, previous_hash, hash,
            recorded_at, hash_scheme)
         SELECT *, $13::timestamptz, $14::smallint FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[],
                              $7::jsonb[], $8::jsonb[], $9::timestamptz[], $10::text[], $11::text[])
         RETURNING ${EVENT_COLUMNS})
         SELECT inserted.* FROM inserted, (SELECT pg_notify($12, '')) AS woken ORDER BY inserted.stream_version`,
        [
          prepared.map((p) => p.eventId),
          prepared.map(() => request.streamType),
          prepared.map(() => request.streamId),
          prepared.map((p) => p.streamVersion),
          prepared.map((p) => p.event.type),
          prepared.map((p) => p.schemaVersion),
          prepared.map((p) => JSON.stringify(p.event.data)),
          prepared.map(() => JSON.stringify(metadata)),
          prepared.map(() => occurredAt),
          prepared.map((p) => p.previousHash),
          prepared.map((p) => p.hash),
          `${this.schema}_events`,
          recordedAt,
          hashScheme,
        ],
      );
      const recorded = rows.map(toRecordedEvent);
      // Tracing on and inside a trace: the relay continues it when it publishes these events (undefined when off).
      const trace = currentTraceCarrier();
      if (trace)
        await recordTraceContext(
          manager,
          this.schema,
          recorded.map((e) => e.eventId),
          trace,
        );
      for (const projection of this.options.inlineProjections ?? []) {
        const relevant = recorded.filter((e) => projection.handles(e));
        if (relevant.length > 0) await projection.apply(manager, relevant, qualified(this.schema, projection.table));
      }
      this.options.onAppended?.(recorded.length);
      return recorded;
    } catch (error) {
      if (isStreamVersionConflict(error)) throw new StreamVersionTaken(request.streamId, request.expectedVersion);
      throw error;
    }
  }

  /** Appends in a transaction of its own; for callers without a decider (imports, tests, benchmarks). */
  async appendToStream(request: Omit<AppendRequest, 'previousHash'>): Promise<RecordedEvent[]> {
    try {
      return await this.inStreamTransaction(
        request.streamId,
        async (manager, tail) => {
          if (tail.version !== request.expectedVersion)
            throw new VersionConflictError(request.streamId, request.expectedVersion, tail.version);
          return this.append(manager, { ...request, previousHash: tail.lastHash });
        },
        { tailOnly: true },
      );
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
