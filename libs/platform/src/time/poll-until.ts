/** How a poll ended: the accepted value, or (out of time) the last value and the last error fn threw. */
export type PollOutcome<T> = { reached: true; value: T } | { reached: false; last: T | undefined; lastError: unknown };

/**
 * Calls fn every intervalMs until accept() holds for what it returns or timeoutMs has passed; an error from fn counts
 * as not yet. The callers word their own timeout (a test's failure, a script's line), hence the outcome, not a throw.
 */
export async function pollUntil<T>(
  fn: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs: number,
  intervalMs: number,
): Promise<PollOutcome<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (accept(last)) return { reached: true, value: last };
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { reached: false, last, lastError };
}
