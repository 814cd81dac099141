import type { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH } from './event-hash';

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
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  payload: unknown;
  metadata: unknown;
  occurred_at: Date;
  previous_hash: string;
  hash: string;
}

const BATCH = 5000;

/** Recomputes hash chains from the stored rows; names the first altered, inserted, removed or reordered event. */
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

  private async run(streamId: string | undefined, onProgress?: (progress: VerifyProgress) => void): Promise<VerificationReport> {
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
        `SELECT global_position, event_id, stream_id, stream_version, event_type, schema_version, payload, metadata,
                occurred_at, previous_hash, hash
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
    const recomputed = eventHash(row.previous_hash, {
      type: row.event_type,
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      schemaVersion: Number(row.schema_version),
      payload: row.payload,
      metadata: row.metadata,
      occurredAt: row.occurred_at,
    });
    if (recomputed !== row.hash) {
      return { kind: 'altered', ...at, detail: `event ${row.event_id} (version ${at.streamVersion}) does not match its hash: its content was changed` };
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
