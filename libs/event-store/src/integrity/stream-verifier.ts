import type { DataSource } from 'typeorm';
import type { Queryable } from '@app/platform';
import { GENESIS_HASH, isHashScheme, storedEventHash, type HashedColumns } from './event-hash';

export type IntegrityProblemKind =
  /** The stored hash does not match the event's content: the event was edited. */
  | 'altered'
  /** Its previous hash is not the hash of the event before it: an event was inserted, removed or reordered. */
  | 'out_of_chain'
  /** Stream versions skip: an event was removed. */
  | 'missing_version';

export interface IntegrityProblem {
  kind: IntegrityProblemKind;
  streamId: string;
  streamVersion: number;
  eventId: string;
  globalPosition: string;
  detail: string;
}

export interface VerificationReport {
  ok: boolean;
  streamsChecked: number;
  eventsChecked: number;
  /** How many streams are broken; `problems` may hold fewer when `maxProblems` capped it. */
  brokenStreams: number;
  /** The first problem of each broken stream, in stream order (at most `maxProblems`). */
  problems: IntegrityProblem[];
  /** The last global position the run covered: events appended after it started are left to the next run. */
  upToPosition: string;
}

export interface VerifyProgress {
  eventsChecked: number;
  /** The events the run covers: those in the log (or the stream) when it started. */
  eventsTotal: number;
  streamsChecked: number;
}

export interface VerifyOptions {
  /** Called once the run knows its total, then after every batch; awaited, so a caller may store it and yield. */
  onProgress?: (progress: VerifyProgress) => void | Promise<void>;
  /** Events read per query (default 5000): what the run holds in memory at a time. */
  batchSize?: number;
  /** Keeps at most this many problems (the rest are only counted in brokenStreams); default: all. */
  maxProblems?: number;
  /** Checked between batches: an aborted run stops there with the signal's reason. */
  signal?: AbortSignal;
  /** Where to read (a QueryRunner holding a lock, say); default: the verifier's DataSource. */
  db?: Queryable;
}

interface Row extends HashedColumns {
  global_position: string;
  previous_hash: string;
  hash: string;
  hash_scheme: number;
}

const BATCH = 5000;

/**
 * Recomputes hash chains from the stored rows, each row by its own hash_scheme; names the first altered, inserted,
 * removed or reordered event. Reads in keyset batches of (stream_id, stream_version), so memory stays one batch
 * whatever the log's size, and covers the log as it stood at the start (global positions up to the largest then).
 */
export class StreamVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  verifyStream(streamId: string, options: VerifyOptions = {}): Promise<VerificationReport> {
    return this.run(streamId, options);
  }

  verifyAll(options: VerifyOptions = {}): Promise<VerificationReport> {
    return this.run(undefined, options);
  }

  private async run(streamId: string | undefined, options: VerifyOptions): Promise<VerificationReport> {
    const db = options.db ?? this.dataSource;
    const batch = options.batchSize ?? BATCH;
    const maxProblems = options.maxProblems ?? Number.POSITIVE_INFINITY;
    const table = `"${this.schema}".events`;
    const [{ upTo }] = await db.query(`SELECT coalesce(max(global_position), 0)::text AS "upTo" FROM ${table}`);
    const [{ total }] = await db.query(
      `SELECT count(*)::int AS total FROM ${table} WHERE global_position <= $1${streamId ? ' AND stream_id = $2' : ''}`,
      streamId ? [upTo, streamId] : [upTo],
    );
    const problems: IntegrityProblem[] = [];
    let brokenStreams = 0;
    let eventsChecked = 0;
    let streamsChecked = 0;
    let current: { id: string; version: number; hash: string; broken: boolean } | undefined;
    let after: [string, number] = ['', 0];
    await options.onProgress?.({ eventsChecked, eventsTotal: total, streamsChecked });
    for (;;) {
      options.signal?.throwIfAborted();
      const params: unknown[] = [after[0], after[1], batch, upTo];
      if (streamId) params.push(streamId);
      const rows: Row[] = await db.query(
        `SELECT global_position, event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                occurred_at, recorded_at, previous_hash, hash, hash_scheme
           FROM ${table}
          WHERE (stream_id, stream_version) > ($1, $2) AND global_position <= $4 ${streamId ? 'AND stream_id = $5' : ''}
          ORDER BY stream_id, stream_version
          LIMIT $3`,
        params,
      );
      for (const row of rows) {
        if (!current || current.id !== row.stream_id) {
          current = { id: row.stream_id, version: 0, hash: GENESIS_HASH, broken: false };
          streamsChecked++;
        }
        const version = Number(row.stream_version);
        if (!current.broken) {
          const problem = this.check(row, current.version + 1, current.hash);
          if (problem) {
            brokenStreams++;
            if (problems.length < maxProblems) problems.push(problem);
            current.broken = true;
          }
        }
        current.version = version;
        current.hash = row.hash;
        eventsChecked++;
      }
      await options.onProgress?.({ eventsChecked, eventsTotal: total, streamsChecked });
      if (rows.length < batch) break;
      const last = rows[rows.length - 1];
      after = [last.stream_id, Number(last.stream_version)];
    }
    return { ok: brokenStreams === 0, streamsChecked, eventsChecked, brokenStreams, problems, upToPosition: upTo };
  }

  private check(row: Row, expectedVersion: number, expectedPreviousHash: string): IntegrityProblem | undefined {
    const at = {
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      eventId: row.event_id,
      globalPosition: String(row.global_position),
    };
    // Each row is recomputed by the scheme it claims. A row claiming scheme 1 is verified as scheme 1 whenever it was
    // written: rewriting a scheme-2 row as scheme 1 (new hash_scheme, a v1 hash, and a re-chained tail) to hide a change
    // to its id, stream type or recorded time is not something the chain alone can see; the Merkle log and its signed
    // checkpoints (a later step) pin every row's hash as first written and catch it.
    const scheme = Number(row.hash_scheme);
    if (!isHashScheme(scheme)) {
      return {
        kind: 'altered',
        ...at,
        detail: `event ${row.event_id} (version ${at.streamVersion}) claims unknown hash scheme ${row.hash_scheme}`,
      };
    }
    const recomputed = storedEventHash(scheme, row.previous_hash, row);
    if (recomputed !== row.hash) {
      return {
        kind: 'altered',
        ...at,
        detail: `event ${row.event_id} (version ${at.streamVersion}) does not match its hash: its content was changed`,
      };
    }
    if (at.streamVersion !== expectedVersion) {
      return {
        kind: 'missing_version',
        ...at,
        detail: `expected version ${expectedVersion} but found ${at.streamVersion}: event(s) before ${row.event_id} were removed`,
      };
    }
    if (row.previous_hash !== expectedPreviousHash) {
      return {
        kind: 'out_of_chain',
        ...at,
        detail: `event ${row.event_id} (version ${at.streamVersion}) does not follow the event before it: an event was inserted, removed or reordered`,
      };
    }
    return undefined;
  }
}
