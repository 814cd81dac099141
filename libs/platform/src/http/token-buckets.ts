/** How many requests one caller may make at once, and how fast that allowance refills (per minute). */
export interface RateAllowance {
  burst: number;
  perMinute: number;
}

/** Callers remembered at most: past it the one least recently seen is forgotten (and starts again with a full burst). */
const DEFAULT_CAPACITY = 100_000;

/**
 * A token bucket per caller key, in memory, for one process. The map is kept in least-recently-used order (a Map
 * iterates in insertion order, so a touched key is re-inserted) and bounded: a flood of fresh keys evicts the oldest
 * callers one by one, never everyone's state at once, so a caller already held back stays held back.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly allowance: RateAllowance,
    private readonly now: () => number,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Takes one token for the key: 0 when the request may pass, else the whole seconds until a token is back. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const refilled = bucket ? bucket.tokens + ((now - bucket.at) / 60_000) * this.allowance.perMinute : Infinity;
    const tokens = Math.min(this.allowance.burst, refilled);
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens >= 1 ? tokens - 1 : tokens, at: now });
    while (this.buckets.size > this.capacity) this.buckets.delete(this.buckets.keys().next().value!);
    if (tokens >= 1) return 0;
    return Math.max(1, Math.ceil(((1 - tokens) * 60) / this.allowance.perMinute));
  }

  get size(): number {
    return this.buckets.size;
  }
}
