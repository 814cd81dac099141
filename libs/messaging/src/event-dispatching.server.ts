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
   */
  protected async dispatchRun(messages: IncomingMessage[]): Promise<void> {
    let shared: IncomingMessage[] = [];
    for (const message of messages) {
      if (!(this.handlerOf(message)?.extras as ConsumeEventOptions | undefined)?.ownTransaction) {
        shared.push(message);
        continue;
      }
      await this.dispatchShared(shared);
      shared = [];
      await this.dispatch(message);
    }
    await this.dispatchShared(shared);
  }

  private async dispatchShared(messages: IncomingMessage[]): Promise<void> {
    const { database } = this.dispatchOptions;
    if (messages.length > 1 && database && (await this.tryInOneTransaction(messages, database))) return;
    for (const message of messages) await this.dispatch(message);
  }

  private async tryInOneTransaction(messages: IncomingMessage[], database: { dataSource: DataSource; schema: string }): Promise<boolean> {
    const parsed: Array<{ message: IncomingMessage; envelope: IntegrationEnvelope; handler: MessageHandler | null }> = [];
    for (const message of messages) {
      let envelope: IntegrationEnvelope;
      try {
        envelope = this.parse(message);
      } catch {
        return false; // dead-lettered on the one-by-one path
      }
      parsed.push({ message, envelope, handler: this.handlerOf(message) });
    }
    try {
      await InboxBatch.within(database.dataSource, database.schema, parsed.map((p) => p.envelope.eventId), async (run) => {
        for (const { message, envelope, handler } of parsed) {
          const eventType = message.headers[MESSAGE_HEADERS.eventType];
          if (!handler) {
            run.onCommit(() => this.dispatchOptions.metrics.skippedUnknownType.inc({ topic: message.topic }));
            continue;
          }
          await run.run(() => this.invoke(handler, message, envelope));
          run.onCommit(() => this.dispatchOptions.metrics.consumed.inc({ topic: message.topic, event_type: eventType }));
        }
      });
      this.dispatchOptions.metrics.runs.inc({ outcome: 'committed' });
      this.dispatchOptions.metrics.runMessages.inc(messages.length);
      return true;
    } catch (error) {
      this.dispatchOptions.metrics.runs.inc({ outcome: 'rolled_back' });
      this.log.debug(`run of ${messages.length} at ${messages[0].topic}/${messages[0].partition}@${messages[0].offset} rolled back, handling it one by one: ${(error as Error).message}`, 'Consumer');
      return false;
    }
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

  protected async dispatch(message: IncomingMessage): Promise<void> {
    const { metrics, consumer } = this.dispatchOptions;
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    const handler = this.handlerOf(message);
    if (!handler) {
      metrics.skippedUnknownType.inc({ topic: message.topic });
      return;
    }
    const attempts = this.dispatchOptions.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(handler, message, this.parse(message));
        metrics.consumed.inc({ topic: message.topic, event_type: eventType });
        return;
      } catch (error) {
        const err = error instanceof Error ? error : new Error(typeof error === 'object' ? JSON.stringify(error) : String(error));
        const poison = err instanceof PoisonMessage || err instanceof ContractViolationError;
        if (poison || attempt >= attempts) {
          this.log.warn(`dead-lettering ${eventType} ${message.topic}/${message.partition}@${message.offset} after ${attempt} attempt(s): ${err.message}`, 'Consumer');
          await this.dispatchOptions.deadLetters.send(message, err, consumer);
          metrics.deadLettered.inc({ topic: message.topic, reason: poison ? 'invalid' : 'handler_failed' });
          return;
        }
        await new Promise((r) => setTimeout(r, (this.dispatchOptions.backoffMs ?? 200) * 4 ** (attempt - 1)));
      }
    }
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
