import { Counter, Gauge, type Registry } from 'prom-client';
import type { JsonLogger, ReadinessIndicator, ReadinessResult } from '@app/platform';
import type { TransientFailure } from './failures/message-failures';
import type { MessagingMetrics } from './messaging-metrics';

interface Paused {
  since: number;
  failures: number;
  reason: string;
  problem: string;
}

/**
 * The partitions a consumer has paused after a transient failure (database away, timeout, a race lost): the service is
 * not ready while any is, and each resumes by itself. Exported as `consumer_paused_partitions` and as the readiness
 * check `consumer`.
 */
export class ConsumerHealth implements ReadinessIndicator {
  readonly name = 'consumer';
  private readonly paused = new Map<string, Paused>();
  private readonly resumed: Counter;

  constructor(registry: Registry) {
    const paused = this.paused;
    this.resumed = new Counter({
      name: 'consumer_partitions_resumed_total',
      help: 'Paused partitions that handled messages again by themselves',
      registers: [registry],
    });
    new Gauge({
      name: 'consumer_paused_partitions',
      help: 'Partitions paused after a transient failure, waiting to retry',
      registers: [registry],
      collect() {
        this.set(paused.size);
      },
    });
  }

  /** Records a failure of a partition; returns how many in a row it has had (for the backoff). */
  pause(partition: string, reason: string, problem: string): number {
    const entry = this.paused.get(partition) ?? { since: Date.now(), failures: 0, reason, problem };
    entry.failures++;
    entry.reason = reason;
    entry.problem = problem;
    this.paused.set(partition, entry);
    return entry.failures;
  }

  /** The partition handled a batch again; returns what it had been through, if it was paused. */
  recovered(partition: string): Paused | undefined {
    const entry = this.paused.get(partition);
    if (entry) this.resumed.inc();
    this.paused.delete(partition);
    return entry;
  }

  /** A new assignment: a partition still failing pauses again at its first message. */
  forgetAll(): void {
    this.paused.clear();
  }

  get pausedCount(): number {
    return this.paused.size;
  }

  async check(): Promise<ReadinessResult> {
    if (this.paused.size === 0) return { up: true };
    const [first] = [...this.paused].sort(([, a], [, b]) => a.since - b.since);
    const [partition, p] = first;
    return {
      up: false,
      detail:
        `${this.paused.size} partition(s) paused; ${partition} since ${new Date(p.since).toISOString()} after ${p.failures} failure(s): ${p.reason}: ${p.problem}`.slice(
          0,
          500,
        ),
    };
  }
}

/**
 * Capped exponential backoff with jitter (half to all of the step), so paused consumers do not retry in step. Capped
 * at 5 s: a retry against a database that is away costs one refused connection, and a lower cap resumes sooner.
 */
export function transientBackoffMs(failures: number, baseMs = 250, capMs = 5_000): number {
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

/**
 * What both transports do when a partition (or the in-process queue of a topic) fails transiently: record the pause,
 * count it, log it, and return how long to wait before trying again.
 */
export function notePause(
  partition: string,
  failure: TransientFailure,
  { health, metrics, log }: { health: ConsumerHealth; metrics: MessagingMetrics; log: JsonLogger },
  context: string,
): number {
  const failures = health.pause(partition, failure.reason, failure.underlying.message);
  metrics.transientFailures.inc({ reason: failure.reason });
  const delay = transientBackoffMs(failures);
  log.warn(`${partition} paused (${failure.message}); failure ${failures} in a row, retrying in ${delay} ms`, context);
  return delay;
}
