import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { notePause } from '../consumer-health';
import { EventDispatchingServer, type DispatchOptions } from '../event-dispatching.server';
import { TransientFailure } from '../failures/message-failures';
import { OffsetCommits } from './offset-commits';
import { PartitionLane } from './partition-lane';

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
/** Messages a partition's lane may hold unhandled before the fetch loop waits for it. */
const MAX_QUEUED = 2 * MAX_RUN;

/**
 * Nest custom transport around a kafkajs consumer that never gives up: when the broker is away at start or
 * drops later, it retries with backoff, so HTTP keeps serving and the consumer resumes by itself.
 * Each fetched batch goes to its partition's lane (PartitionLane), which handles its messages in runs of consecutive
 * messages, each run in one transaction (dispatchRun), while kafkajs fetches on. An offset is committed only after its
 * run committed, apart from the fetch loop, every COMMIT_INTERVAL_MS (OffsetCommits).
 * A transient failure (database away, timeout, a race lost) pauses that partition where it stands: the lane's queue is
 * dropped, the partition is sought back to the run that failed, kafkajs fetches from there once it resumes after a
 * capped, jittered backoff, and readiness says "consumer" is down meanwhile. Nothing is dead-lettered for it.
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
  /** Per assigned partition, what is fetched and not yet handled (PartitionLane). */
  private readonly lanes = new Map<string, PartitionLane>();
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
    this.closeLanes();
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts by itself after retriable errors; anything else is ours to retry.
      if (!payload.restart) this.scheduleRestart(consumer, payload.error);
    });
    // A new assignment: partitions paused before are fetched again from their committed offsets.
    consumer.on(consumer.events.REBALANCING, () => this.closeLanes());
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.closeLanes();
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

  /**
   * Hands a fetched batch to its partition's lane and returns, so kafkajs fetches again while the lane handles it.
   * The offset resolved here only moves kafkajs's fetch position (autoCommit is off): a lane given up seeks back to
   * its failed run, and a new assignment starts from the committed offsets.
   */
  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    // A rebalance or a seek: the batch is stale, whoever owns the partition fetches it again.
    if (!isRunning() || isStale() || this.stopping || batch.messages.length === 0) return;
    const key = `${batch.topic}/${batch.partition}`;
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = new PartitionLane(batch.topic, batch.partition)));
    lane.add(batch.messages.map((message) => toIncoming(batch.topic, batch.partition, message)));
    resolveOffset(batch.messages[batch.messages.length - 1].offset);
    lane.draining ??= this.drain(lane, heartbeat);
    // A lane this far behind holds the fetch loop, as a batch handled in place would: what waits stays bounded.
    if (lane.queued >= MAX_QUEUED) await lane.draining;
  }

  /** Handles the lane's queue in runs, one after the other, until it is empty or the lane is given up. */
  private async drain(lane: PartitionLane, heartbeat: () => Promise<void>): Promise<void> {
    const drained = this.handleLane(lane, heartbeat);
    this.runsInHand.add(drained);
    try {
      await drained;
    } finally {
      this.runsInHand.delete(drained);
      lane.draining = undefined;
    }
  }

  private async handleLane(lane: PartitionLane, heartbeat: () => Promise<void>): Promise<void> {
    while (!this.stopping) {
      const run = lane.take(MAX_RUN);
      if (run.length === 0) return;
      try {
        await this.dispatchRun(run, heartbeat); // kafkajs sends a heartbeat only when its interval has passed
      } catch (error) {
        // Infrastructure away, or a fault of ours: wait and handle the run again; nothing past it is committed.
        const failure =
          error instanceof TransientFailure ? error : new TransientFailure('consumer_failed', error as Error);
        if (lane.open) this.giveUp(lane, run[0].offset, failure);
        return;
      }
      // The lane was given up meanwhile (a rebalance): the partition's owner now starts from the last commit.
      if (!lane.open) return;
      this.commits.handled(lane.topic, lane.partition, run[run.length - 1].offset);
      const recovered = this.dispatchOptions.health.recovered(lane.key);
      if (recovered) {
        this.log.log(
          `${lane.key} resumed after ${recovered.failures} transient failure(s) over ${Date.now() - recovered.since} ms`,
          'KafkaConsumer',
        );
      }
    }
  }

  /**
   * A run failed: the lane's queue is dropped, and the partition is paused and sought back to the run's first
   * message, which kafkajs fetches again once it resumes after a capped, jittered backoff.
   */
  private giveUp(lane: PartitionLane, offset: string, failure: TransientFailure): void {
    lane.close();
    if (this.lanes.get(lane.key) === lane) this.lanes.delete(lane.key);
    const consumer = this.consumer;
    if (!consumer) return;
    const partitions = [{ topic: lane.topic, partitions: [lane.partition] }];
    consumer.pause(partitions);
    consumer.seek({ topic: lane.topic, partition: lane.partition, offset });
    const delay = notePause(lane.key, failure, { ...this.dispatchOptions, log: this.log }, 'KafkaConsumer');
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      if (!this.stopping && this.consumer === consumer) consumer.resume(partitions);
    }, delay);
    this.resumeTimers.add(timer);
  }

  /** Drops every lane's queue (a rebalance, a new consumer): kafkajs fetches from the committed offsets again. */
  private closeLanes(): void {
    this.lanes.forEach((lane) => lane.close());
    this.lanes.clear();
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
