import type { DataSource } from 'typeorm';

/**
 * How long after a window closes a trailing wake-up waits for an append that can carry it, before it goes alone.
 * Under steady load the next append comes within about a millisecond and takes it along.
 */
const TRAILING_GRACE_MS = 1;

/**
 * How appends wake the outbox relay (it LISTENs on `<schema>_events`). A NOTIFY takes a database-wide lock at commit,
 * held through the commit's WAL flush, so a NOTIFY in every append serialises all appending commits and loses
 * Postgres's group commit. Instead an append carries the NOTIFY only when none was sent in the last `coalesceMs`.
 * The appends that went without are covered by the next append that carries one; when none comes within the window
 * (and a grace of TRAILING_GRACE_MS), a NOTIFY goes on its own. So the relay hears of every append within about
 * `coalesceMs` (and polls anyway, should a wake-up overtake a commit still in flight), and under steady load no
 * wake-up costs a statement and a commit of its own.
 */
export class RelayWakeUps {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  /** When the last append that went without a NOTIFY took its turn. */
  private lastUncoveredAt = Number.NEGATIVE_INFINITY;
  private trailing?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    readonly channel: string,
    /** 0: a NOTIFY in every append, as before. */
    private readonly coalesceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether this append's statement carries the NOTIFY; when not, a trailing one is armed. */
  takeTurn(): boolean {
    const now = this.now();
    if (this.coalesceMs === 0 || now - this.lastSentAt >= this.coalesceMs) {
      this.lastSentAt = now;
      return true;
    }
    this.lastUncoveredAt = now;
    this.armTrailing(now);
    return false;
  }

  private armTrailing(now: number): void {
    if (this.trailing) return;
    this.trailing = setTimeout(
      () => this.trailingDue(),
      Math.max(0, this.lastSentAt + this.coalesceMs + TRAILING_GRACE_MS - now),
    );
    this.trailing.unref();
  }

  private trailingDue(): void {
    this.trailing = undefined;
    const now = this.now();
    // A later append carried a NOTIFY: it covers every append before it.
    if (this.lastSentAt >= this.lastUncoveredAt) return;
    // One was carried within the window: appends are still flowing, the next window's first append covers the rest.
    if (now - this.lastSentAt < this.coalesceMs) return this.armTrailing(now);
    this.lastSentAt = now;
    // A failed wake-up costs at most the relay's poll interval: nothing to recover.
    void this.dataSource.query('SELECT pg_notify($1, $2)', [this.channel, '']).catch(() => undefined);
  }
}
