import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { logLockStatement, noteLogLockHeld } from '@app/event-store';
import { integerLiteral as int, textLiteral, transactionOpenedWith, uuidLiteral } from '@app/platform';
import type { ChainState } from '../continuity/chain-continuity';

const ambient = new AsyncLocalStorage<InboxBatch>();

/** The inbox rows already there for a run of messages, keyed by consumer and event id. */
function key(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId}`;
}

/** What a run covers: the messages' event ids and streams, all of one topic, and the isolation it runs at. */
export interface RunScope {
  isolation: 'REPEATABLE READ' | 'READ COMMITTED';
  /** Logical topic of every message of the run (one topic: of one or more partitions, or one parked message). */
  topic: string;
  eventIds: string[];
  streamIds: string[];
}

/** A message set aside in this run, written with the run's COMMIT (see ParkedMessages for the reasons). */
export interface ParkedRow {
  /** Logical topic (no namespace), as chain states name it. */
  topic: string;
  /** The topic as the message came (the namespace included): a retry's dead letter goes beside it. */
  sourceTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
  eventId: string;
  eventType: string;
  streamId: string;
  streamVersion: number;
  reason: 'awaiting_predecessor' | 'awaiting_fact';
  awaits: string;
  detail: string;
}

/**
 * One transaction shared by a run of messages of one topic (see EventDispatchingServer.dispatchRun):
 * while it is current, Inbox.once runs each effect on its manager and only notes the inbox row; the rows are
 * written together and committed once. A transaction per message cost ~4 ms of round trips and CPU, which capped a
 * consumer near 430 messages/s on two cores; a run of twenty costs little more than one.
 * The run also carries the chain state of each upstream stream it touches (read with BEGIN, advanced in memory as its
 * messages apply, written with COMMIT under a guard that fails with 40001 if another transaction moved it), the
 * messages it parks and the parked ones it settled: the run's own statements stay at two round trips.
 */
export class InboxBatch {
  private readonly recorded = new Map<string, { consumer: string; eventId: string }>();
  private readonly afterCommit: Array<() => void> = [];
  /** Chain states as the run leaves them, with the version each had when the run started. */
  private readonly advanced = new Map<string, ChainState & { from: number }>();
  private readonly parkedHere: ParkedRow[] = [];
  private readonly settledParked: string[] = [];

  private constructor(
    readonly dataSource: DataSource,
    readonly manager: EntityManager,
    private readonly schema: string,
    private readonly topic: string,
    /** consumer + event id of the rows the inbox held when the run started. */
    private readonly handledBefore: Set<string>,
    private readonly chainBefore: Map<string, ChainState>,
  ) {}

  /** The run the calling code is part of, if any. */
  static current(): InboxBatch | undefined {
    return ambient.getStore();
  }

  /**
   * Runs `work` with a run over these events in a transaction of its own: its BEGIN goes with the log lock and the
   * read of their inbox rows (any consumer) and of their streams' chain states, its COMMIT with what the run noted (transactionOpenedWith).
   * REPEATABLE READ takes the snapshot before the run's first write: see EventDispatchingServer.dispatchRun.
   * A row that is there already (another delivery committed meanwhile: a rebalance handed the partition over
   * mid-run) fails the INSERT and everything rolls back. Resolves with the committed run (see committed()).
   */
  static async within(
    dataSource: DataSource,
    schema: string,
    scope: RunScope,
    work: (run: InboxBatch) => Promise<void>,
  ): Promise<InboxBatch> {
    const s = `"${schema}"`;
    const ids = scope.eventIds.map(uuidLiteral).join(',');
    const streams = scope.streamIds.map((id) => textLiteral(id)).join(',');
    return transactionOpenedWith(
      dataSource,
      scope.isolation === 'REPEATABLE READ' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN',
      // Opened with the log lock: a handler may write elsewhere before another appends (see logLockStatement).
      `${logLockStatement(schema)}; SELECT 'inbox' AS kind, consumer AS a, event_id::text AS b, 0 AS v FROM ${s}.inbox WHERE event_id = ANY(ARRAY[${ids}]::uuid[])
       UNION ALL
       SELECT 'chain', stream_id, last_hash, last_version FROM ${s}.upstream_streams
        WHERE topic = ${textLiteral(scope.topic)} AND stream_id = ANY(ARRAY[${streams}]::text[])`,
      async (manager, rows) => {
        noteLogLockHeld(manager);
        const handled = new Set<string>();
        const chain = new Map<string, ChainState>();
        for (const row of rows as Array<{ kind: string; a: string; b: string; v: number }>) {
          if (row.kind === 'inbox') handled.add(key(row.a, row.b));
          else chain.set(row.a, { version: Number(row.v), hash: row.b });
        }
        const batch = new InboxBatch(dataSource, manager, schema, scope.topic, handled, chain);
        await work(batch);
        return batch;
      },
      (batch) => batch.closingStatements(),
    );
  }

  /** Runs the onCommit callbacks of a committed run; one that throws is reported and the others still run. */
  committed(onError: (error: Error) => void): void {
    for (const fn of this.afterCommit) {
      try {
        fn();
      } catch (error) {
        onError(error as Error);
      }
    }
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    return ambient.run(this, fn);
  }

  /** Whether this consumer handled the event before the run or earlier in it (a duplicate within one fetch). */
  handled(consumer: string, eventId: string): boolean {
    const k = key(consumer, eventId);
    return this.handledBefore.has(k) || this.recorded.has(k);
  }

  record(consumer: string, eventId: string): void {
    this.recorded.set(key(consumer, eventId), { consumer, eventId });
  }

  /** Counters and the like that must count only what committed (a run that rolls back is handled again one by one). */
  onCommit(fn: () => void): void {
    this.afterCommit.push(fn);
  }

  /** The last version and hash applied of an upstream stream, as this run stands. */
  chainState(streamId: string): ChainState | undefined {
    return this.advanced.get(streamId) ?? this.chainBefore.get(streamId);
  }

  advance(streamId: string, version: number, hash: string): void {
    const from = this.advanced.get(streamId)?.from ?? this.chainBefore.get(streamId)?.version ?? 0;
    this.advanced.set(streamId, { version, hash, from });
  }

  /** Streams this run moved on, for waking what was parked behind them. */
  advancedStreams(): string[] {
    return [...this.advanced.keys()];
  }

  park(row: ParkedRow): void {
    this.parkedHere.push(row);
  }

  /** A parked message this run has now applied, ignored or moved to the dead letters: its row goes. */
  settleParked(id: string): void {
    this.settledParked.push(id);
  }

  private closingStatements(): string {
    const s = `"${this.schema}"`;
    const statements: string[] = [];
    const inbox = [...this.recorded.values()];
    if (inbox.length > 0) {
      statements.push(
        `INSERT INTO ${s}.inbox (consumer, event_id) VALUES ${inbox.map((r) => `(${textLiteral(r.consumer)}, ${uuidLiteral(r.eventId)})`).join(', ')}`,
      );
    }
    if (this.settledParked.length > 0) {
      statements.push(
        `DELETE FROM ${s}.parked_messages WHERE id IN (${this.settledParked.map((id) => int(Number(id))).join(', ')})`,
      );
    }
    if (this.parkedHere.length > 0) {
      const values = this.parkedHere.map(
        (p) =>
          `(${[
            p.topic,
            p.sourceTopic,
            String(p.partition),
            p.offset,
            p.key,
            p.value,
            JSON.stringify(p.headers),
            p.eventId,
            p.eventType,
            p.streamId,
          ]
            .map((v) => (v === null ? 'NULL' : textLiteral(v)))
            .join(
              ', ',
            )}, ${int(p.streamVersion)}, ${textLiteral(p.reason)}, ${textLiteral(p.awaits)}, ${textLiteral(p.detail)})`,
      );
      // A message parked again (a redelivery, or a retry still waiting) keeps its row; its attempts and detail move on.
      statements.push(`INSERT INTO ${s}.parked_messages
          (topic, source_topic, partition, "offset", message_key, value, headers, event_id, event_type, stream_id, stream_version, reason, awaits, detail)
        VALUES ${values.join(', ')}
        ON CONFLICT (topic, event_id) DO UPDATE SET reason = EXCLUDED.reason, awaits = EXCLUDED.awaits, detail = EXCLUDED.detail,
          attempts = parked_messages.attempts + 1,
          next_attempt_at = now() + least(interval '5 minutes', interval '1 second' * power(2, least(parked_messages.attempts, 9)))`);
    }
    if (this.advanced.size > 0) {
      const rows = [...this.advanced].map(
        ([streamId, c]) => `(${textLiteral(streamId)}, ${int(c.version)}, ${textLiteral(c.hash)}, ${int(c.from)})`,
      );
      statements.push(`WITH advanced (stream_id, last_version, last_hash, previous_version) AS (VALUES ${rows.join(', ')}),
        up AS (
          INSERT INTO ${s}.upstream_streams (topic, stream_id, last_version, last_hash, previous_version)
          SELECT ${textLiteral(this.topic)}, stream_id, last_version, last_hash, previous_version FROM advanced
          ON CONFLICT (topic, stream_id) DO UPDATE
            SET last_version = EXCLUDED.last_version, last_hash = EXCLUDED.last_hash, previous_version = EXCLUDED.previous_version, updated_at = now()
            WHERE upstream_streams.last_version = EXCLUDED.previous_version
          RETURNING 1)
        SELECT ${s}.assert_chain_advanced(${rows.length}, (SELECT count(*) FROM up))`);
    }
    return statements.join(';\n');
  }
}
