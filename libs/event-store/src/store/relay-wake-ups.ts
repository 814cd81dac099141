import type { DataSource } from 'typeorm';

/**
 * How appends wake the outbox relay (it LISTENs on `<schema>_events`). A NOTIFY takes a database-wide lock at commit,
 * held through the commit's WAL flush, so a NOTIFY in every append serialises all appending commits and loses
 * Postgres's group commit. Instead an append carries the NOTIFY only when none was sent in the last `coalesceMs`;
 * an append that went without arms one trailing NOTIFY at the end of that window, so the relay still hears of every
 * append within about `coalesceMs` (and polls anyway, should a wake-up overtake a commit still in flight).
 */
export class RelayWakeUps {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private trailing?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    readonly channel: string,
    /** 0: a NOTIFY in every append, as before. */
    private readonly coalesceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether this append's statement carries the NOTIFY; when not, the trailing one is armed. */
  takeTurn(): boolean {
    const now = this.now();
    if (this.coalesceMs === 0 || now - this.lastSentAt >= this.coalesceMs) {
      this.lastSentAt = now;
      return true;
    }
    this.trailing ??= setTimeout(
      () => {
        this.trailing = undefined;
        this.lastSentAt = this.now();
        // A failed wake-up costs at most the relay's poll interval: nothing to recover.
        void this.dataSource.query('SELECT pg_notify($1, $2)', [this.channel, '']).catch(() => undefined);
      },
      Math.max(0, this.lastSentAt + this.coalesceMs - now),
    );
    this.trailing.unref();
    return false;
  }
}
