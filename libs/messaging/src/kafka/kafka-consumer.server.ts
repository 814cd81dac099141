import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { notePause } from '../consumer-health';
import { EventDispatchingServer, type DispatchOptions } from '../event-dispatching.server';
import { TransientFailure } from '../failures/message-failures';
import { FetchBatchesCollector } from './fetch-batches.collector';
import { OffsetCommits } from './offset-commits';

export interface KafkaConsumerServerOptions {
  kafka: Kafka;
  groupId: string;
  /** Physical topic names. */
  topics: string[];
  /** Runs before each (re)connect: topics are created explicitly before the consumer subscribes. */
  prepare: () => Promise<void>;
  dispatch: DispatchOptions;
}

const MAX_BACKOFF_MS = 10_000;
/** Messages handled in one transaction at most: bounds how long a run holds its locks and how much a failure redoes. */
const MAX_RUN = 50;
/** How often handled offsets are committed: what a crash redelivers at most (the inbox ignores it). */
const COMMIT_INTERVAL_MS = 500;
/** Batches of a fetch kafkajs hands out at once (one per partition): more than a consumer is ever assigned. */
const BATCHES_HANDED_OUT = 32;

/** One partition's batch of a fetch: how far its messages are handled, and whether a failure paused it. */
interface BatchCursor {
  payload: EachBatchPayload;
  next: number;
  paused: boolean;
}

/**
 * Messages of a topic in one fetch up to which its partitions' batches share transactions. Measured at 1,000 events/s
 * over 3 partitions (bench:messaging), one transaction a fetch instead of three took the p50 from append to effect
 * from 11 to 8 ms; at 2,000 events/s the fetches are larger and one transaction at a time fell behind (p50 90 ms, 24 ms
 * with the partitions' runs at once, their round trips to the database overlapping).
 */
const SHARED_RUN_LIMIT = 16;

/**
 * Lanes handled at once, each a transaction in flight: as many as the partitions a topic has, and well below the
 * services' pool of ten connections, which HTTP requests and the parked-message retrier share.
 */
const MAX_LANES = 3;

/** The lanes of one topic's batches: all in one, or each in its own when they hold more than SHARED_RUN_LIMIT. */
function lanes(cursors: BatchCursor[]): BatchCursor[][] {
  const messages = cursors.reduce((n, c) => n + c.payload.batch.messages.length, 0);
  return messages <= SHARED_RUN_LIMIT ? [cursors] : cursors.map((c) => [c]);
}

/** The next run: up to MAX_RUN messages, all of the first batch's that are left, then the next batch's, and so on. */
function nextRun(cursors: BatchCursor[]) {
  const pieces: Array<{ cursor: BatchCursor; batch: Batch; messages: KafkaMessage[] }> = [];
  let room = MAX_RUN;
  for (const cursor of cursors) {
    if (room === 0) break;
    const { batch } = cursor.payload;
    const messages = batch.messages.slice(cursor.next, cursor.next + room);
    pieces.push({ cursor, batch, messages });
    room -= messages.length;
  }
  return pieces;
}

/**
 * Nest custom transport around a kafkajs consumer that never gives up: when the broker is away at start or
 * drops later, it retries with backoff, so HTTP keeps serving and the consumer resumes by itself.
 * The batches of a fetch (one per partition) are handled together, in runs of messages of one topic, each partition's
 * in order, each run in one transaction (dispatchRun); an offset is resolved only after its run committed, and
 * resolved offsets are committed apart from the fetch loop, every COMMIT_INTERVAL_MS (OffsetCommits).
 * A transient failure (database away, timeout, a race lost) pauses the partitions of the run that failed where they
 * stand (a run shared by several partitions pauses them all): nothing is
 * resolved past the message that failed, kafkajs fetches from there once the partition resumes after a capped,
 * jittered backoff, and readiness says "consumer" is down meanwhile. Nothing is dead-lettered for it.
 */
export class KafkaConsumerServer extends EventDispatchingServer implements CustomTransportStrategy {
  protected readonly messagingSystem = 'kafka';
  private consumer?: Consumer;
  private stopping = false;
  private failures = 0;
  private restartTimer?: NodeJS.Timeout;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private readonly batches = new FetchBatchesCollector((payloads) => this.onBatches(payloads));
  /** The runs being dispatched (one per lane), which close() lets finish before the last commit. */
  private readonly runsInHand = new Set<Promise<void>>();
  private readonly commits = new OffsetCommits(
    () => this.consumer,
    COMMIT_INTERVAL_MS,
    (error) => this.log.warn(`offset commit failed (${error.message}); retried`, 'KafkaConsumer'),
  );

  constructor(private readonly options: KafkaConsumerServerOptions) {
    super(options.dispatch);
  }

  listen(callback: () => void): void {
    void this.start();
    this.startParkedRetries();
    callback();
  }

  async close(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    this.resumeTimers.forEach((timer) => clearTimeout(timer));
    await this.stopParkedRetries();
    // No run starts once stopping; the one in hand finishes, what was handled since the last commit is committed (a
    // restart then redelivers nothing), and the consumer leaves the group.
    await Promise.all([...this.runsInHand].map((run) => run.catch(() => undefined)));
    await this.commits.flush().catch(() => undefined);
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    if (this.stopping) return;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // A fetch returns as soon as data arrives; the wait only bounds how long shutdown waits for an idle fetch.
      maxWaitTimeInMs: 1_000,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts by itself after retriable errors; anything else is ours to retry.
      if (!payload.restart) this.scheduleRestart(consumer, payload.error);
    });
    // A new assignment: partitions paused before are fetched again from their committed offsets.
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.dispatchOptions.health.forgetAll();
      this.commits.clear();
    });
    try {
      await this.options.prepare();
      await consumer.connect();
      await consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
      await consumer.run({
        // An offset is resolved only after its run's transaction committed, and committed by OffsetCommits: kafkajs's
        // autoCommit would commit after every batch and hold the next fetch for that round trip.
        autoCommit: false,
        eachBatchAutoResolve: false,
        // Every partition's batch of a fetch handed out at once, so that they are handled together (onBatches).
        partitionsConsumedConcurrently: BATCHES_HANDED_OUT,
        eachBatch: (payload) => this.batches.add(payload),
      });
      this.failures = 0;
      this.log.log(`consuming ${this.options.topics.join(', ')} as ${this.options.groupId}`, 'KafkaConsumer');
    } catch (error) {
      this.scheduleRestart(consumer, error as Error);
    }
  }

  private scheduleRestart(consumer: Consumer, error: Error): void {
    if (this.stopping || this.consumer !== consumer) return;
    this.consumer = undefined;
    const delay = Math.min(500 * 2 ** this.failures++, MAX_BACKOFF_MS);
    this.log.warn(`consumer stopped (${error.message}); retrying in ${delay} ms`, 'KafkaConsumer');
    this.restartTimer = setTimeout(() => {
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.start());
    }, delay);
  }

  /**
   * The batches of one fetch (FetchBatchesCollector), in runs of up to MAX_RUN messages of one topic. A small fetch is
   * one lane: a run takes the messages of several partitions, each partition's in order, in one transaction (a stream
   * lives in one partition, so its order holds). A large one is a lane per partition, the lanes handled at once (see
   * lanes). A partition's offset is resolved once the run holding its messages committed. A transient failure pauses
   * every partition of the run that failed, where it stands; the other partitions go on.
   */
  private async onBatches(payloads: EachBatchPayload[]): Promise<void> {
    const byTopic = new Map<string, BatchCursor[]>();
    for (const payload of payloads) {
      const cursors = byTopic.get(payload.batch.topic) ?? [];
      cursors.push({ payload, next: 0, paused: false });
      byTopic.set(payload.batch.topic, cursors);
    }
    // At most MAX_LANES at once, each taking its lanes in turn. Every lane ends before any failure is passed on:
    // kafkajs fetches again once every eachBatch of the fetch has settled, and a lane still running then would be
    // handling a partition beside whoever fetches it next.
    const all = [...byTopic.values()].flatMap(lanes);
    const workers = Array.from({ length: Math.min(MAX_LANES, all.length) }, (_, w) =>
      all.filter((_, i) => i % MAX_LANES === w),
    );
    const outcomes = await Promise.allSettled(
      workers.map(async (mine) => {
        for (const lane of mine) await this.handleLane(lane);
      }),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Batches of one topic, in runs one after another (see nextRun). */
  private async handleLane(cursors: BatchCursor[]): Promise<void> {
    for (;;) {
      if (this.stopping) return;
      // A rebalance or a seek stops that partition: the rest is fetched again by whoever owns it now.
      const live = cursors.filter(
        (c) => !c.paused && c.next < c.payload.batch.messages.length && c.payload.isRunning() && !c.payload.isStale(),
      );
      if (live.length === 0) break;
      const pieces = nextRun(live);
      const { heartbeat } = live[0].payload; // the consumer's, whichever batch it comes with
      try {
        // The run with its offsets noted, as one piece close() can wait for.
        const inHand = (async () => {
          await this.dispatchRun(
            pieces.flatMap(({ batch, messages }) => messages.map((m) => toIncoming(batch.topic, batch.partition, m))),
            heartbeat, // kafkajs sends one only when the heartbeat interval has passed
          );
          for (const { cursor, batch, messages } of pieces) {
            const last = messages[messages.length - 1].offset;
            cursor.payload.resolveOffset(last);
            this.commits.handled(batch.topic, batch.partition, last);
            cursor.next += messages.length;
          }
        })();
        this.runsInHand.add(inHand);
        try {
          await inHand;
        } finally {
          this.runsInHand.delete(inHand);
        }
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        for (const { cursor, batch } of pieces) {
          cursor.paused = true;
          this.pauseAfter(`${batch.topic}/${batch.partition}`, error, cursor.payload.pause);
        }
        continue;
      }
      await heartbeat();
    }
    for (const { payload, next } of cursors) {
      if (next < payload.batch.messages.length) continue;
      const partition = `${payload.batch.topic}/${payload.batch.partition}`;
      const recovered = this.dispatchOptions.health.recovered(partition);
      if (recovered) {
        this.log.log(
          `${partition} resumed after ${recovered.failures} transient failure(s) over ${Date.now() - recovered.since} ms`,
          'KafkaConsumer',
        );
      }
    }
  }

  /** Pauses the partition at the message that failed; it resumes by itself after the backoff and fetches from there. */
  private pauseAfter(partition: string, failure: TransientFailure, pause: () => () => void): void {
    const delay = notePause(partition, failure, { ...this.dispatchOptions, log: this.log }, 'KafkaConsumer');
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (!this.stopping) resume();
    }, delay);
    this.resumeTimers.add(timer);
  }
}

function toIncoming(topic: string, partition: number, message: KafkaMessage) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? null,
    value: message.value?.toString() ?? '',
    headers,
  };
}
