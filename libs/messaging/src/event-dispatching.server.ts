import { Server, type MessageHandler } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ContractViolationError, IntegrationEnvelope, MESSAGE_HEADERS } from '@app/contracts';
import { requestContext, type JsonLogger } from '@app/platform';
import { BusMessageContext } from './bus-message.context';
import type { ConsumeEventOptions } from './consume-event.decorator';
import type { DeadLetterSink } from './dead-letters/dead-letter-sink';
import type { IncomingMessage } from './incoming-message';
import { InboxBatch } from './inbox/inbox-batch';
import type { MessagingMetrics } from './messaging-metrics';

export interface DispatchOptions {
  /** Consumer name (the service), recorded with dead letters. */
  consumer: string;
  logger: JsonLogger;
  deadLetters: DeadLetterSink;
  metrics: MessagingMetrics;
  /** Handling attempts before a message goes to the dead letters (validation failures go at once). */
  attempts?: number;
  backoffMs?: number;
  /** The service's database and schema: with them a run of messages is handled in one transaction (dispatchRun). */
  database?: { dataSource: DataSource; schema: string };
}

/** A message that can never succeed however often it is tried. */
class PoisonMessage extends Error {}

/** A message with the handler of its event type (null: a type this service does not handle). */
interface Routed {
  message: IncomingMessage;
  handler: MessageHandler | null;
}

/**
 * Shared by the Kafka and in-process transports. For each message: parse and validate the envelope, route it to
 * the @EventPattern handler of its event type (unknown types are skipped and counted), run the handler inside a
 * request context carrying the message's correlation id, retry with backoff, and dead-letter what still fails —
 * so the partition always moves on. Resolves only after the handler's transaction committed.
 * dispatchRun handles consecutive messages of one partition in one shared transaction first, and one by one
 * (with the retries and dead letters above) when anything in the run fails.
 */
export abstract class EventDispatchingServer extends Server {
  override readonly propagatesEventHandlerErrors = true;

  protected constructor(protected readonly dispatchOptions: DispatchOptions) {
    super();
  }

  protected get log(): JsonLogger {
    return this.dispatchOptions.logger;
  }

  /**
   * A run of consecutive messages of one partition, in order: all in one REPEATABLE READ transaction when they
   * parse and every handler succeeds, else rolled back and handled one by one. A handler marked ownTransaction
   * (see ConsumeEvent) splits the run and gets a transaction of its own. REPEATABLE READ keeps the
   * event store's ordering rule (a stream's later events get later transaction ids) although the run's later
   * messages read their streams after its first write: the snapshot is taken before the run's transaction id.
   * `between` runs after each message handled on its own (Kafka heartbeats: a run falling back one by one, with
   * retries and backoff, can outlast the session timeout).
   */
  protected async dispatchRun(messages: IncomingMessage[], between: () => Promise<void> = async () => undefined): Promise<void> {
    let shared: Routed[] = [];
    for (const message of messages) {
      const routed = { message, handler: this.handlerOf(message) };
      if (!(routed.handler?.extras as ConsumeEventOptions | undefined)?.ownTransaction) {
        shared.push(routed);
        continue;
      }
      await this.dispatchShared(shared, between);
      shared = [];
      await this.handleOne(routed);
      await between();
    }
    await this.dispatchShared(shared, between);
  }

  /** One message in a transaction of its own (the in-process transport delivers them singly). */
  protected async dispatch(message: IncomingMessage): Promise<void> {
    await this.handleOne({ message, handler: this.handlerOf(message) });
  }

  private async dispatchShared(routed: Routed[], between: () => Promise<void>): Promise<void> {
    const { database } = this.dispatchOptions;
    if (routed.length > 1 && database && (await this.tryInOneTransaction(routed, database))) return;
    for (const one of routed) {
      await this.handleOne(one);
      await between();
    }
  }

  private async tryInOneTransaction(routed: Routed[], database: { dataSource: DataSource; schema: string }): Promise<boolean> {
    const { metrics } = this.dispatchOptions;
    const handled: Array<{ message: IncomingMessage; envelope: IntegrationEnvelope; handler: MessageHandler }> = [];
    for (const { message, handler } of routed) {
      if (!handler) continue; // skipped and counted once the run committed
      try {
        handled.push({ message, envelope: this.parse(message), handler });
      } catch {
        return false; // dead-lettered on the one-by-one path
      }
    }
    let run: InboxBatch;
    try {
      run = await InboxBatch.within(database.dataSource, database.schema, handled.map((h) => h.envelope.eventId), async (batch) => {
        for (const { message, envelope, handler } of handled) await batch.run(() => this.invoke(handler, message, envelope));
      });
    } catch (error) {
      metrics.runs.inc({ outcome: 'rolled_back' });
      const [{ message: first }] = routed;
      this.log.debug(`run of ${routed.length} at ${first.topic}/${first.partition}@${first.offset} rolled back, handling it one by one: ${(error as Error).message}`, 'Consumer');
      return false;
    }
    metrics.runs.inc({ outcome: 'committed' });
    metrics.runMessages.inc(routed.length);
    for (const { message, handler } of routed) {
      if (handler) metrics.consumed.inc({ topic: message.topic, event_type: message.headers[MESSAGE_HEADERS.eventType] });
      else metrics.skippedUnknownType.inc({ topic: message.topic });
    }
    // Committed: what an effect asked to run after its commit must not send the run round again.
    run.committed((error) => this.log.warn(`after a committed run: ${error.message}`, 'Consumer'));
    return true;
  }

  private handlerOf(message: IncomingMessage): MessageHandler | null {
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    return eventType ? this.getHandlerByPattern(eventType) : null;
  }

  /** The handler inside a request context carrying the message's correlation id; resolves when it finished. */
  private async invoke(handler: MessageHandler, message: IncomingMessage, envelope: IntegrationEnvelope): Promise<void> {
    const context = {
      correlationId: envelope.correlationId,
      requestId: envelope.eventId,
      causationId: envelope.eventId,
      correlationGiven: true,
    };
    await requestContext.run(context, async () => {
      const result = await handler(envelope, new BusMessageContext(message));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    });
  }

  /** Parse, then the handler with retries and backoff; what still fails goes to the dead letters and the partition moves on. */
  private async handleOne({ message, handler }: Routed): Promise<void> {
    const { metrics } = this.dispatchOptions;
    if (!handler) {
      metrics.skippedUnknownType.inc({ topic: message.topic });
      return;
    }
    let envelope: IntegrationEnvelope;
    try {
      envelope = this.parse(message);
    } catch (error) {
      await this.deadLetter(message, error as Error, 1, 'invalid');
      return;
    }
    const attempts = this.dispatchOptions.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(handler, message, envelope);
        metrics.consumed.inc({ topic: message.topic, event_type: message.headers[MESSAGE_HEADERS.eventType] });
        return;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(typeof error === 'object' ? JSON.stringify(error) : String(error));
        // A payload that breaks its contract fails the same way every time.
        if (err instanceof ContractViolationError) return this.deadLetter(message, err, attempt, 'invalid');
        if (attempt >= attempts) return this.deadLetter(message, err, attempt, 'handler_failed');
        await new Promise((r) => setTimeout(r, (this.dispatchOptions.backoffMs ?? 200) * 4 ** (attempt - 1)));
      }
    }
  }

  private async deadLetter(message: IncomingMessage, error: Error, attempts: number, reason: 'invalid' | 'handler_failed'): Promise<void> {
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    this.log.warn(`dead-lettering ${eventType} ${message.topic}/${message.partition}@${message.offset} after ${attempts} attempt(s): ${error.message}`, 'Consumer');
    await this.dispatchOptions.deadLetters.send(message, error, this.dispatchOptions.consumer);
    this.dispatchOptions.metrics.deadLettered.inc({ topic: message.topic, reason });
  }

  private parse(message: IncomingMessage): IntegrationEnvelope {
    let raw: unknown;
    try {
      raw = JSON.parse(message.value);
    } catch {
      throw new PoisonMessage('value is not JSON');
    }
    const envelope = plainToInstance(IntegrationEnvelope, raw);
    const errors = validateSync(envelope, { forbidUnknownValues: false });
    if (errors.length > 0) {
      throw new PoisonMessage(`invalid envelope: ${errors.map((e) => `${e.property} ${Object.values(e.constraints ?? { nested: 'is invalid' }).join(', ')}`).join('; ')}`);
    }
    return envelope;
  }

  on(): void {
    // Status events are not used; readiness is checked actively.
  }
}
