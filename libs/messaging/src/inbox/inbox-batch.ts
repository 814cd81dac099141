import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const ambient = new AsyncLocalStorage<InboxBatch>();

/** The inbox rows already there for a run of messages, keyed by consumer and event id. */
function key(consumer: string, eventId: string): string {
  return `${consumer}\u0000${eventId}`;
}

/**
 * One transaction shared by a run of consecutive messages of a partition (see EventDispatchingServer.dispatchRun):
 * while it is current, Inbox.once runs each effect on its manager and only notes the inbox row; the rows are
 * written together and committed once. A transaction per message cost ~4 ms of round trips and CPU, which capped a
 * consumer near 430 messages/s on two cores; a run of twenty costs little more than one.
 */
export class InboxBatch {
  private readonly recorded = new Map<string, { consumer: string; eventId: string }>();
  private readonly afterCommit: Array<() => void> = [];

  constructor(
    readonly dataSource: DataSource,
    readonly manager: EntityManager,
    /** consumer + event id of the rows the inbox held when the run started. */
    private readonly handledBefore: Set<string>,
  ) {}

  /** The run the calling code is part of, if any. */
  static current(): InboxBatch | undefined {
    return ambient.getStore();
  }

  /** Reads the inbox rows of these events (any consumer) inside the run's transaction. */
  static async open(dataSource: DataSource, manager: EntityManager, inboxTable: string, eventIds: string[]): Promise<InboxBatch> {
    const rows: { consumer: string; event_id: string }[] = eventIds.length
      ? await manager.query(`SELECT consumer, event_id FROM ${inboxTable} WHERE event_id = ANY($1::uuid[])`, [eventIds])
      : [];
    return new InboxBatch(dataSource, manager, new Set(rows.map((r) => key(r.consumer, r.event_id))));
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

  /**
   * Writes the noted inbox rows. False when another delivery of one of them committed meanwhile (a rebalance
   * handed the partition over mid-run): the caller rolls the run back and handles it one by one.
   */
  async writeRows(inboxTable: string): Promise<boolean> {
    const rows = [...this.recorded.values()];
    if (rows.length === 0) return true;
    const inserted: unknown[] = await this.manager.query(
      `INSERT INTO ${inboxTable} (consumer, event_id) SELECT * FROM unnest($1::text[], $2::uuid[])
       ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
      [rows.map((r) => r.consumer), rows.map((r) => r.eventId)],
    );
    return inserted.length === rows.length;
  }

  committed(): void {
    for (const fn of this.afterCommit) fn();
  }
}
