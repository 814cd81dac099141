import type { LoggerService } from '@nestjs/common';
import { WakeableSleep } from '@app/platform';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { EventStore } from '../store/event-store';
import type { RecordedEvent } from '../store/recorded-event';
import { lockCheckpoint, readCheckpoint, saveCheckpoint } from './checkpoints';
import { positionOf, readCommittedEvents, type LogPosition } from './log-position';

export interface CheckpointedReaderOptions {
  /** Events are read from its schema and upcast on the way. */
  store: EventStore;
  /** Checkpoint and leadership name, e.g. "projection:stream-index" or "outbox:kafka". */
  name: string;
  /** Runs in the batch's transaction; the checkpoint moves only if it succeeds. */
  handle(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
  batchSize?: number;
  idleMs?: number;
  logger?: LoggerService;
  /**
   * The handler writes nothing in this database (the outbox relay publishes to a broker): a batch then needs no
   * transaction. The leader keeps its position in memory, reads the checkpoint only when it becomes leader and
   * saves it at most every `saveEveryMs` while batches follow each other, at once when the log is caught up, and
   * before it lets go: one statement a batch and one an idle poll, instead of six and five. A crash republishes what
   * followed the last save (at least once, as before).
   */
  handlerOutsideDatabase?: boolean;
  /**
   * Runs on the leader's connection, outside any transaction, before every batch read, also when the log has nothing
   * new (an idle poll): work serialised with the handler, e.g. the outbox relay publishing released quarantined events.
   */
  beforeBatch?(manager: EntityManager): Promise<void>;
  /** handlerOutsideDatabase: the longest a handled position goes unsaved while batches keep coming (default 100 ms). */
  saveEveryMs?: number;
}

/**
 * Reads the event log in commit-safe order from a checkpoint, batch by batch, each batch and its checkpoint in
 * one transaction. One leader per name across all instances: a session advisory lock held on the reader's own
 * connection, released by Postgres when the process dies, so a standby takes over within its poll interval.
 */
export class CheckpointedReader {
  private runner?: QueryRunner;
  private loop?: Promise<void>;
  private stopping = false;
  private readonly sleeper = new WakeableSleep();
  /** A poke that arrived while a batch ran: read again at once instead of sleeping through it. */
  private poked = false;
  /** Where the leader is (handlerOutsideDatabase); forgotten with the leadership. */
  private position?: LogPosition;
  /** handlerOutsideDatabase: the position handled but not yet saved, and when it was last saved. */
  private unsaved?: LogPosition;
  private savedAt = Number.NEGATIVE_INFINITY;
  leader = false;

  constructor(private readonly options: CheckpointedReaderOptions) {}

  start(): void {
    this.stopping = false;
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.sleeper.wakeUp();
    await this.loop;
    this.loop = undefined;
  }

  /** Nudges an idle leader to read now (e.g. on NOTIFY). */
  poke(): void {
    this.poked = true;
    this.sleeper.wakeUp();
  }

  /** Processes batches until the log is exhausted; returns the number of events handled. For tools and tests. */
  async drain(): Promise<number> {
    const runner = await this.acquire(true);
    try {
      let total = 0;
      for (let n = await this.batch(runner); n > 0; n = await this.batch(runner)) total += n;
      return total;
    } finally {
      await this.release();
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const runner = await this.acquire(false);
        if (!runner) {
          await this.sleeper.sleep(1000);
          continue;
        }
        this.poked = false;
        const handled = await this.batch(runner);
        failures = 0;
        if (handled === 0 && !this.poked) await this.sleeper.sleep(this.options.idleMs ?? 200);
      } catch (error) {
        failures++;
        this.options.logger?.warn(`${this.options.name}: ${(error as Error).message}; retrying`, 'CheckpointedReader');
        await this.release();
        await this.sleeper.sleep(Math.min(200 * 2 ** failures, 5000));
      }
    }
    await this.release();
  }

  private async acquire(wait: true): Promise<QueryRunner>;
  private async acquire(wait: false): Promise<QueryRunner | undefined>;
  private async acquire(wait: boolean): Promise<QueryRunner | undefined> {
    if (this.runner && this.leader) return this.runner;
    this.runner ??= this.options.store.dataSource.createQueryRunner();
    const key = `${this.options.store.schema}:${this.options.name}`;
    if (wait) {
      await this.runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    } else {
      const [row] = await this.runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [key]);
      if (!row.locked) return undefined;
    }
    this.leader = true;
    return this.runner;
  }

  private async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    this.position = undefined;
    if (!runner) return;
    if (this.leader && this.unsaved) await this.saveUnsaved(runner).catch(() => undefined);
    this.unsaved = undefined;
    if (this.leader) {
      await runner
        .query('SELECT pg_advisory_unlock(hashtext($1))', [`${this.options.store.schema}:${this.options.name}`])
        .catch(() => undefined);
    }
    this.leader = false;
    await runner.release().catch(() => undefined);
  }

  private async batch(runner: QueryRunner): Promise<number> {
    await this.options.beforeBatch?.(runner.manager);
    if (this.options.handlerOutsideDatabase) return this.batchOutsideTransaction(runner);
    await runner.startTransaction();
    try {
      const handled = await this.handleFrom(
        runner,
        await lockCheckpoint(runner.manager, this.options.store.schema, this.options.name),
      );
      await runner.commitTransaction();
      return handled?.count ?? 0;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  }

  /** At least once as before: a crash between the handler and the checkpoint's UPDATE hands the batch out again. */
  private async batchOutsideTransaction(runner: QueryRunner): Promise<number> {
    const { store, name } = this.options;
    const from = (this.position ??= await readCheckpoint(runner.manager, store.schema, name));
    const events = await this.readFrom(runner, from);
    if (events.length === 0) {
      // Caught up: what was handled is saved now, not left to the next batch.
      if (this.unsaved) await this.saveUnsaved(runner);
      return 0;
    }
    await this.options.handle(runner.manager, events);
    this.position = this.unsaved = positionOf(events[events.length - 1]);
    if (performance.now() - this.savedAt >= (this.options.saveEveryMs ?? 100)) await this.saveUnsaved(runner);
    return events.length;
  }

  private async saveUnsaved(runner: QueryRunner): Promise<void> {
    const at = this.unsaved;
    if (!at) return;
    await saveCheckpoint(runner.manager, this.options.store.schema, this.options.name, at);
    this.savedAt = performance.now();
    if (this.unsaved === at) this.unsaved = undefined;
  }

  private async readFrom(runner: QueryRunner, from: LogPosition): Promise<RecordedEvent[]> {
    const { store } = this.options;
    return (await readCommittedEvents(runner.manager, store.schema, from, this.options.batchSize ?? 500)).map((e) =>
      store.upcast(e),
    );
  }

  /** Reads the next batch after `from`, hands it to the handler, saves the checkpoint after it; undefined when there was none. */
  private async handleFrom(
    runner: QueryRunner,
    from: LogPosition,
  ): Promise<{ count: number; to: LogPosition } | undefined> {
    const { store, name } = this.options;
    const events = await this.readFrom(runner, from);
    if (events.length === 0) return undefined;
    await this.options.handle(runner.manager, events);
    const to = positionOf(events[events.length - 1]);
    await saveCheckpoint(runner.manager, store.schema, name, to);
    return { count: events.length, to };
  }
}
