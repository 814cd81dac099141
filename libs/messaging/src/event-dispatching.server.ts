import { Server, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { MESSAGE_HEADERS, type IntegrationEnvelope } from '@app/contracts';
import { requestContext, type JsonLogger } from '@app/platform';
import { BusMessageContext } from './bus-message.context';
import type { ConsumeEventOptions } from './consume-event.decorator';
import type { ConsumerHealth } from './consumer-health';
import { chainStanding } from './continuity/chain-continuity';
import type { DeadLetterSink } from './dead-letters/dead-letter-sink';
import { classifyFailure, TransientFailure } from './failures/message-failures';
import type { IncomingMessage } from './incoming-message';
import { InboxBatch, type ParkedRow, type RunScope } from './inbox/inbox-batch';
import { checkMessage, type CheckedMessage } from './message-check';
import type { MessagingMetrics } from './messaging-metrics';
import { ParkedRetrier } from './parking/parked-retrier';
import type { EnvelopeVerifier } from './signing/envelope-signature';
import { consumeInSpan, type MessagingSystem } from './tracing/message-spans';

export interface DispatchOptions {
  /** Consumer name (the service), recorded with dead letters. */
  consumer: string;
  logger: JsonLogger;
  deadLetters: DeadLetterSink;
  metrics: MessagingMetrics;
  /** Public keys of the services whose envelopes this one accepts. */
  verifier: EnvelopeVerifier;
  /** Paused partitions, for readiness. */
  health: ConsumerHealth;
  /** The service's database and schema: every message is handled in a transaction there with its inbox and chain state. */
  database: { dataSource: DataSource; schema: string };
  /** Physical topic → logical topic (the namespace taken off); the in-process bus has none. */
  logicalTopic?: (topic: string) => string;
  /** Handling attempts of a handler failing for no known reason before its message is dead-lettered. */
  attempts?: number;
  backoffMs?: number;
  /** How often parked messages are looked at without being woken (ms). */
  parkedRetryMs?: number;
}

/** Why a message went to the dead letters (label `reason` of messages_dead_lettered_total and header dlq-reason). */
export type DeadLetterReason = 'bad_signature' | 'invalid' | 'chain_mismatch' | 'refused' | 'handler_failed';

/**
 * Shared by the Kafka and in-process transports. For each message: check its signature and envelope (a forged or
 * malformed one is dead-lettered at once), check it against the hash chain seen of its stream (older or repeated:
 * ignored; ahead of its predecessor: parked; forking: dead-lettered as chain_mismatch), route it to the @EventPattern
 * handler of its event type inside a request context carrying its correlation id and signer, and commit the effect
 * with the inbox row and the stream's new chain state.
 * What fails is sorted by classifyFailure: a failure of the infrastructure is thrown as TransientFailure (the transport
 * pauses and retries, nothing is dead-lettered); a wait for another fact parks the message; a contract violation, a
 * domain refusal, or a handler still failing after its attempts is dead-lettered and the partition moves on.
 * dispatchRun handles a run of messages of one topic (consecutive ones of one partition or of several, each
 * partition's in order) in one shared transaction first, and one by one when anything in the run fails.
 */
export abstract class EventDispatchingServer extends Server {
  override readonly propagatesEventHandlerErrors = true;
  protected readonly parked: ParkedRetrier;
  /** `messaging.system` of the consumer spans (tracing on). */
  protected abstract readonly messagingSystem: MessagingSystem;

  protected constructor(protected readonly dispatchOptions: DispatchOptions) {
    super();
    this.parked = new ParkedRetrier(
      dispatchOptions.database,
      dispatchOptions.logger,
      dispatchOptions.parkedRetryMs ?? 5000,
      (row) => this.retryParked(row),
    );
  }

  protected get log(): JsonLogger {
    return this.dispatchOptions.logger;
  }

  /**
   * A run of messages of one topic, each partition's consecutive and in order (a stream lives in one partition): all
   * in one REPEATABLE READ transaction when every
   * handler succeeds, else rolled back and handled one by one. A handler marked ownTransaction (see ConsumeEvent)
   * splits the run and gets a READ COMMITTED transaction of its own. REPEATABLE READ keeps the event store's ordering
   * rule (a stream's later events get later transaction ids) although the run's later messages read their streams
   * after its first write: the snapshot is taken before the run's transaction id.
   * `between` runs after each message handled on its own (Kafka heartbeats: a run falling back one by one, with
   * retries and backoff, can outlast the session timeout). Throws TransientFailure when the infrastructure fails:
   * what committed before stays committed, and the rest is to be delivered again.
   */
  protected async dispatchRun(
    messages: IncomingMessage[],
    between: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    let shared: CheckedMessage[] = [];
    // Signatures are verified together (a large run's on the thread pool); the messages are then handled in order.
    const checks = await Promise.all(messages.map((message) => this.check(message, messages.length)));
    for (const [index, message] of messages.entries()) {
      const checked = checks[index];
      if ('refused' in checked) {
        await this.deadLetter(message, checked.error, 1, checked.refused);
        continue;
      }
      if (!(checked.handler?.extras as ConsumeEventOptions | undefined)?.ownTransaction) {
        shared.push(checked);
        continue;
      }
      await this.dispatchShared(shared, between);
      shared = [];
      await this.handleOne(checked, 'READ COMMITTED');
      await between();
    }
    await this.dispatchShared(shared, between);
  }

  /** One message (the in-process transport delivers them singly). */
  protected async dispatch(message: IncomingMessage): Promise<void> {
    await this.dispatchRun([message]);
  }

  /**
   * The @EventPattern handler of an event type (null: a type this service does not handle). Nest normalises the
   * pattern on every lookup (~35 µs a message here); handlers are all registered before the first message arrives.
   */
  private handlerFor(eventType: string): MessageHandler | null {
    let handler = this.handlers.get(eventType);
    if (handler === undefined) {
      handler = this.getHandlerByPattern(eventType) ?? null;
      this.handlers.set(eventType, handler);
    }
    return handler;
  }

  private readonly handlers = new Map<string, MessageHandler | null>();

  private check(message: IncomingMessage, batch = 1) {
    return checkMessage(
      message,
      this.logicalTopic(message.topic),
      this.dispatchOptions.verifier,
      (type) => this.handlerFor(type),
      batch,
    );
  }

  protected logicalTopic(topic: string): string {
    return this.dispatchOptions.logicalTopic?.(topic) ?? topic;
  }

  private async dispatchShared(items: CheckedMessage[], between: () => Promise<void>): Promise<void> {
    if (items.length === 0) return;
    if (items.length > 1) {
      try {
        await this.inTransaction(items, 'REPEATABLE READ');
        this.dispatchOptions.metrics.runs.inc({ outcome: 'committed' });
        this.dispatchOptions.metrics.runMessages.inc(items.length);
        return;
      } catch (error) {
        this.dispatchOptions.metrics.runs.inc({ outcome: 'rolled_back' });
        const failure = classifyFailure(error);
        if (failure.kind === 'transient') throw new TransientFailure(failure.reason, error as Error);
        const { message: first } = items[0];
        this.log.debug(
          `run of ${items.length} at ${first.topic}/${first.partition}@${first.offset} rolled back, handling it one by one: ${(error as Error).message}`,
          'Consumer',
        );
      }
    }
    for (const item of items) {
      await this.handleOne(item, 'REPEATABLE READ');
      await between();
    }
  }

  /**
   * Handles the messages in one transaction: each is placed against its stream's chain as the run stands, and only
   * the next link reaches its handler. Dead letters for forks go out after the commit (a redelivery refuses them again).
   */
  private async inTransaction(items: CheckedMessage[], isolation: RunScope['isolation']): Promise<void> {
    const { database, metrics } = this.dispatchOptions;
    const forks: CheckedMessage[] = [];
    let parkedNow = false;
    const run = await InboxBatch.within(
      database.dataSource,
      database.schema,
      {
        isolation,
        topic: items[0].topic,
        eventIds: items.map((i) => i.envelope.eventId),
        streamIds: [...new Set(items.map((i) => i.envelope.streamId))],
      },
      async (batch) => {
        for (const item of items) {
          const { envelope } = item;
          const topic = item.message.topic;
          const state = batch.chainState(envelope.streamId);
          switch (chainStanding(state, envelope)) {
            case 'stale':
              // A redelivery or a replay: counted as such too (messages_redelivered_ignored_total of the service).
              batch.onCommit(() => {
                metrics.staleIgnored.inc({ topic });
                metrics.redeliveredIgnored.inc({ consumer: this.dispatchOptions.consumer });
              });
              if (item.parkedId) batch.settleParked(item.parkedId);
              break;
            case 'ahead':
              parkedNow = true;
              batch.park(
                parkedRow(
                  item,
                  'awaiting_predecessor',
                  `${envelope.streamId}@${(state?.version ?? 0) + 1}`,
                  `version ${envelope.streamVersion} arrived before version ${(state?.version ?? 0) + 1} of stream ${envelope.streamId}`,
                ),
              );
              batch.onCommit(() => metrics.parked.inc({ reason: 'awaiting_predecessor' }));
              break;
            case 'fork':
              forks.push(item);
              if (item.parkedId) batch.settleParked(item.parkedId);
              break;
            case 'next':
              if (item.handler) await batch.run(() => this.invoke(item.handler!, item));
              batch.advance(envelope.streamId, envelope.streamVersion, envelope.hash);
              if (item.parkedId) batch.settleParked(item.parkedId);
              batch.onCommit(() =>
                item.handler
                  ? metrics.consumed.inc({ topic: item.message.topic, event_type: envelope.eventType })
                  : metrics.skippedUnknownType.inc({ topic: item.message.topic }),
              );
          }
        }
      },
    );
    // Committed: what an effect asked to run after its commit must not send the run round again.
    run.committed((error) => this.log.warn(`after a committed run: ${error.message}`, 'Consumer'));
    for (const fork of forks) {
      metrics.chainMismatches.inc({ topic: fork.message.topic });
      await this.deadLetter(
        fork.message,
        new Error(forkProblem(fork, run.chainState(fork.envelope.streamId))),
        1,
        'chain_mismatch',
      );
    }
    // What waits behind a stream that moved, or was just parked, is looked at now rather than at the next round.
    if (parkedNow) this.parked.noteParked();
    if (run.advancedStreams().length > 0) this.parked.poke();
  }

  /** One message in its own transaction, with retries for failures of no known kind. */
  private async handleOne(item: CheckedMessage, isolation: RunScope['isolation']): Promise<void> {
    const attempts = this.dispatchOptions.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.inTransaction([item], isolation);
        return;
      } catch (error) {
        const err =
          error instanceof Error ? error : new Error(typeof error === 'object' ? JSON.stringify(error) : String(error));
        const failure = classifyFailure(err);
        switch (failure.kind) {
          case 'transient':
            throw new TransientFailure(failure.reason, err);
          case 'awaiting_fact':
            // Parked (again, for a parked message still waiting: its row stays and counts the attempt).
            return this.settle(
              item,
              isolation,
              (batch) => {
                batch.park(parkedRow(item, 'awaiting_fact', failure.awaits, err.message));
                batch.onCommit(() => this.dispatchOptions.metrics.parked.inc({ reason: 'awaiting_fact' }));
                this.parked.noteParked();
              },
              true,
            );
          case 'contract_violation':
            // Not applied: the stream waits for it, and a replay after a fix (an upcaster, a contract) delivers it.
            await this.deadLetter(item.message, err, attempt, 'invalid');
            return item.parkedId ? this.settle(item, isolation, () => undefined) : undefined;
          case 'refused':
            // A domain refusal is final: the fact was read and refused, so the stream moves on past it.
            await this.deadLetter(item.message, err, attempt, 'refused');
            return this.settle(item, isolation, (batch) =>
              batch.advance(item.envelope.streamId, item.envelope.streamVersion, item.envelope.hash),
            );
          case 'unknown':
            if (attempt >= attempts) {
              await this.deadLetter(item.message, err, attempt, 'handler_failed');
              return item.parkedId ? this.settle(item, isolation, () => undefined) : undefined;
            }
            await new Promise((r) => setTimeout(r, (this.dispatchOptions.backoffMs ?? 200) * 4 ** (attempt - 1)));
        }
      }
    }
  }

  /**
   * Records, in a transaction of its own, what became of a message whose handler did not commit (and settles its parked
   * row). After its dead letter went out: if this fails the message comes round again and may be dead-lettered twice
   * (dead letters are at least once; replaying both applies it once).
   */
  private async settle(
    item: CheckedMessage,
    isolation: RunScope['isolation'],
    note: (batch: InboxBatch) => void,
    keepParked = false,
  ): Promise<void> {
    const { database } = this.dispatchOptions;
    try {
      await InboxBatch.within(
        database.dataSource,
        database.schema,
        { isolation, topic: item.topic, eventIds: [], streamIds: [item.envelope.streamId] },
        async (batch) => {
          note(batch);
          if (item.parkedId && !keepParked) batch.settleParked(item.parkedId);
        },
      );
    } catch (error) {
      const failure = classifyFailure(error);
      throw new TransientFailure(failure.kind === 'transient' ? failure.reason : 'settle_failed', error as Error);
    }
  }

  /** A parked message tried again through the same checks (a key may have been withdrawn meanwhile). */
  private async retryParked(row: ParkedRow & { id: string }): Promise<void> {
    const message: IncomingMessage = {
      topic: row.sourceTopic,
      partition: row.partition,
      offset: row.offset,
      key: row.key,
      value: row.value,
      headers: row.headers,
    };
    const checked = await this.check(message);
    if ('refused' in checked) {
      await this.deadLetter(message, checked.error, 1, checked.refused);
      return this.parked.drop(row.id);
    }
    const own = (checked.handler?.extras as ConsumeEventOptions | undefined)?.ownTransaction;
    await this.handleOne({ ...checked, parkedId: row.id }, own ? 'READ COMMITTED' : 'REPEATABLE READ');
  }

  /** The handler inside a request context carrying the message's correlation id and its signer; resolves when it finished. */
  private async invoke(handler: MessageHandler, { message, envelope, signer }: CheckedMessage): Promise<void> {
    const context = {
      correlationId: envelope.correlationId,
      requestId: envelope.eventId,
      causationId: envelope.eventId,
      correlationGiven: true,
      via: `service:${signer}`,
    };
    // Tracing on: the handler (its queries, the events it appends) runs in a span continuing the producer's trace.
    await consumeInSpan(this.messagingSystem, message, this.logicalTopic(message.topic), () =>
      requestContext.run(context, async () => {
        const result = await handler(envelope, new BusMessageContext(message));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      }),
    );
  }

  private async deadLetter(
    message: IncomingMessage,
    error: Error,
    attempts: number,
    reason: DeadLetterReason,
  ): Promise<void> {
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    this.log.warn(
      `dead-lettering ${eventType} ${message.topic}/${message.partition}@${message.offset} (${reason}) after ${attempts} attempt(s): ${error.message}`,
      'Consumer',
    );
    try {
      await this.dispatchOptions.deadLetters.send(message, error, this.dispatchOptions.consumer, reason);
    } catch (sendError) {
      // The dead letters are unreachable (the broker is away): the message stays where it is and is tried again.
      throw new TransientFailure('dead_letters_unavailable', sendError as Error);
    }
    this.dispatchOptions.metrics.deadLettered.inc({ topic: message.topic, reason });
  }

  /** The transports call these from listen() and close(). */
  protected startParkedRetries(): void {
    this.parked.start();
  }

  protected stopParkedRetries(): Promise<void> {
    return this.parked.stop();
  }

  on(): void {
    // Status events are not used; readiness is checked actively.
  }
}

function parkedRow(item: CheckedMessage, reason: ParkedRow['reason'], awaits: string, detail: string): ParkedRow {
  const { message, envelope } = item;
  return {
    topic: item.topic,
    sourceTopic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    headers: message.headers,
    eventId: envelope.eventId,
    eventType: envelope.eventType,
    streamId: envelope.streamId,
    streamVersion: envelope.streamVersion,
    reason,
    awaits,
    detail: detail.slice(0, 2000),
  };
}

function forkProblem({ envelope }: CheckedMessage, state: { version: number; hash: string } | undefined): string {
  return (
    `${envelope.eventType} ${envelope.streamId}@${envelope.streamVersion} (hash ${envelope.hash.slice(0, 12)}…, previousHash ${envelope.previousHash.slice(0, 12)}…) ` +
    `forks the chain seen of its stream (last applied version ${state?.version ?? 0}, hash ${state?.hash.slice(0, 12) ?? 'genesis'}…)`
  );
}

export type { IntegrationEnvelope };
