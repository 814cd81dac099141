import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { notePause } from '../consumer-health';
import { EventDispatchingServer, type DispatchOptions } from '../event-dispatching.server';
import { TransientFailure } from '../failures/message-failures';
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

/**
 * Nest custom transport around a kafkajs consumer that never gives up: when the broker is away at start or
 * drops later, it retries with backoff, so HTTP keeps serving and the consumer resumes by itself.
 * Each fetched batch of a partition is handled in runs of consecutive messages, each run in one transaction
 * (dispatchRun); an offset is resolved only after its run committed, and resolved offsets are committed apart from
 * the fetch loop, every COMMIT_INTERVAL_MS (OffsetCommits).
 * A transient failure (database away, timeout, a race lost) pauses that partition where it stands: nothing is
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
  /** The runs being dispatched (one per partition consumed at once), which close() lets finish before the last commit. */
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
        // Partitions in parallel; order holds within each partition, which is all a stream needs.
        partitionsConsumedConcurrently: 3,
        eachBatch: (payload) => this.onBatch(payload),
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

  private async onBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
  }: EachBatchPayload): Promise<void> {
    const partition = `${batch.topic}/${batch.partition}`;
    for (let start = 0; start < batch.messages.length; start += MAX_RUN) {
      // A rebalance or a seek: stop, the rest is fetched again by whoever owns the partition now.
      if (!isRunning() || isStale() || this.stopping) return;
      const run = batch.messages.slice(start, start + MAX_RUN);
      try {
        // The run with its offset noted, as one piece close() can wait for.
        const inHand = (async () => {
          await this.dispatchRun(
            run.map((message) => toIncoming(batch.topic, batch.partition, message)),
            heartbeat, // kafkajs sends one only when the heartbeat interval has passed
          );
          resolveOffset(run[run.length - 1].offset);
          this.commits.handled(batch.topic, batch.partition, run[run.length - 1].offset);
        })();
        this.runsInHand.add(inHand);
        try {
          await inHand;
        } finally {
          this.runsInHand.delete(inHand);
        }
      } catch (error) {
        if (!(error instanceof TransientFailure)) throw error;
        return this.pauseAfter(partition, error, pause);
      }
      await heartbeat();
    }
    const recovered = this.dispatchOptions.health.recovered(partition);
    if (recovered) {
      this.log.log(
        `${partition} resumed after ${recovered.failures} transient failure(s) over ${Date.now() - recovered.since} ms`,
        'KafkaConsumer',
      );
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
