import type { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH, isHashScheme } from './event-hash';

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
  /** The first problem of each broken stream, in stream order. */
  problems: IntegrityProblem[];
}

export interface VerifyProgress {
  eventsChecked: number;
  eventsTotal: number;
}

interface Row {
  global_position: string;
  event_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  payload: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  previous_hash: string;
  hash: string;
  hash_scheme: number;
}

const BATCH = 5000;

/** Recomputes hash chains from the stored rows, each row by its own hash_scheme; names the first altered, inserted, removed or reordered event. */
export class StreamVerifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
  ) {}

  verifyStream(streamId: string): Promise<VerificationReport> {
    return this.run(streamId);
  }

  verifyAll(onProgress?: (progress: VerifyProgress) => void): Promise<VerificationReport> {
    return this.run(undefined, onProgress);
  }

  private async run(
    streamId: string | undefined,
    onProgress?: (progress: VerifyProgress) => void,
  ): Promise<VerificationReport> {
    const table = `"${this.schema}".events`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${table}${streamId ? ' WHERE stream_id = $1' : ''}`,
      streamId ? [streamId] : [],
    );
    const problems: IntegrityProblem[] = [];
    let eventsChecked = 0;
    let streamsChecked = 0;
    let current: { id: string; version: number; hash: string; broken: boolean } | undefined;
    let after: [string, number] = ['', 0];
    for (;;) {
      const params: unknown[] = [after[0], after[1], BATCH];
      if (streamId) params.push(streamId);
      const rows: Row[] = await this.dataSource.query(
        `SELECT global_position, event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                occurred_at, recorded_at, previous_hash, hash, hash_scheme
           FROM ${table}
          WHERE (stream_id, stream_version) > ($1, $2) ${streamId ? 'AND stream_id = $4' : ''}
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
            problems.push(problem);
            current.broken = true;
          }
        }
        current.version = version;
        current.hash = row.hash;
        eventsChecked++;
      }
      onProgress?.({ eventsChecked, eventsTotal: total });
      if (rows.length < BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.stream_id, Number(last.stream_version)];
    }
    return { ok: problems.length === 0, streamsChecked, eventsChecked, problems };
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
    const recomputed = eventHash(scheme, row.previous_hash, {
      eventId: row.event_id,
      streamType: row.stream_type,
      recordedAt: row.recorded_at,
      type: row.event_type,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      schemaVersion: Number(row.schema_version),
      payload: row.payload,
      metadata: row.metadata,
      occurredAt: row.occurred_at,
    });
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
