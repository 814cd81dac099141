// What the two processes of bench:messaging share: the benchmark's event, the consumer's names, and the IPC messages.
import { IsISO8601 } from 'class-validator';

export const BENCH_EVENT_TYPE = 'BenchEvent';
export const CONSUMER = 'bench-consumer';
export const CONSUMER_SCHEMA = 'bench_consumer';

/** Payload of BenchEvent v1. */
export class BenchEventV1 {
  @IsISO8601({ strict: true })
  sentAt: string;
}

/** How the benchmark starts its consumer process (one JSON argument). */
export interface ConsumerProcessSpec {
  databaseUrl: string;
  brokers: string[];
  groupId: string;
  topic: string;
  /** The topic's namespace (taken off for signatures and chain states) and ENVELOPE_PUBLIC_KEYS of the producer. */
  namespace: string;
  publicKeys: string;
}

export interface ConsumerCounts {
  runsCommitted: number;
  runsRolledBack: number;
  consumed: number;
  inRuns: number;
  deadLetters: number;
}

/** Consumer process -> benchmark. Times are epoch milliseconds (performance.timeOrigin + performance.now()). */
export type FromConsumer =
  | { kind: 'ready' }
  | { kind: 'effects'; effects: Array<[eventId: string, committedAtEpochMs: number]> }
  | { kind: 'counts'; counts: ConsumerCounts }
  | { kind: 'failed'; error: string };

/** Benchmark -> consumer process. */
export type ToConsumer = { kind: 'counts' } | { kind: 'stop' };
