import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeLiteral } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { transactionOpenedWith } from '@app/platform';

const ambient = new AsyncLocalStorage<InboxBatch>();

/** The inbox rows already there for a run of messages, keyed by consumer and event id. */
function key(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidLiteral(id: string): string {
  // Envelopes are validated before a run starts; checked again because this text becomes SQL.
  if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return `'${id}'`;
}

/**
 * One transaction shared by a run of consecutive messages of a partition (see EventDispatchingServer.dispatchRun):
 * while it is current, Inbox.once runs each effect on its manager and only notes the inbox row; the rows are
 * written together and committed once. A transaction per message cost ~4 ms of round trips and CPU, which capped a
 * consumer near 430 messages/s on two cores; a run of twenty costs little more than one.
 * The run's own statements are folded into two round trips (BEGIN with the inbox read, the inbox rows with COMMIT):
 * under load every round trip waits for a CPU, and a partition's next fetch waits for its run.
 */
export class InboxBatch {
  private readonly recorded = new Map<string, { consumer: string; eventId: string }>();
  private readonly afterCommit: Array<() => void> = [];

  private constructor(
    readonly dataSource: DataSource,
    readonly manager: EntityManager,
    private readonly inboxTable: string,
    /** consumer + event id of the rows the inbox held when the run started. */
    private readonly handledBefore: Set<string>,
  ) {}

  /** The run the calling code is part of, if any. */
  static current(): InboxBatch | undefined {
    return ambient.getStore();
  }

  /**
   * Runs `work` with a run over these events in a REPEATABLE READ transaction of its own: its BEGIN goes with the
   * read of their inbox rows (any consumer), its COMMIT with the inbox rows the run noted (transactionOpenedWith).
   * REPEATABLE READ takes the snapshot before the run's first write: see EventDispatchingServer.dispatchRun.
   * A row that is there already (another delivery committed meanwhile: a rebalance handed the partition over
   * mid-run) fails the INSERT and everything rolls back. Resolves with the committed run (see committed()).
   */
  static async within(dataSource: DataSource, schema: string, eventIds: string[], work: (run: InboxBatch) => Promise<void>): Promise<InboxBatch> {
    const inboxTable = `"${schema}".inbox`;
    return transactionOpenedWith(
      dataSource,
      'BEGIN ISOLATION LEVEL REPEATABLE READ',
      `SELECT consumer, event_id::text AS event_id FROM ${inboxTable} WHERE event_id = ANY(ARRAY[${eventIds.map(uuidLiteral).join(',')}]::uuid[])`,
      async (manager, rows) => {
        const handled = new Set((rows as Array<{ consumer: string; event_id: string }>).map((r) => key(r.consumer, r.event_id)));
        const batch = new InboxBatch(dataSource, manager, inboxTable, handled);
        await work(batch);
        return batch;
      },
      (batch) => batch.inboxRowsInsert(),
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

  private inboxRowsInsert(): string {
    const rows = [...this.recorded.values()];
    if (rows.length === 0) return '';
    return `INSERT INTO ${this.inboxTable} (consumer, event_id) VALUES ${rows.map((r) => `(${escapeLiteral(r.consumer)}, ${uuidLiteral(r.eventId)})`).join(', ')}`;
  }
}
