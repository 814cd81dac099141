import { Server } from '@nestjs/microservices';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { lastValueFrom } from 'rxjs';
import { ContractViolationError, IntegrationEnvelope, MESSAGE_HEADERS } from '@app/contracts';
import { requestContext, type JsonLogger } from '@app/platform';
import { BusMessageContext } from './bus-message.context';
import type { DeadLetterSink } from './dead-letters/dead-letter-sink';
import type { IncomingMessage } from './incoming-message';
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
}

/** A message that can never succeed however often it is tried. */
class PoisonMessage extends Error {}

/**
 * Shared by the Kafka and in-process transports. For each message: parse and validate the envelope, route it to
 * the @EventPattern handler of its event type (unknown types are skipped and counted), run the handler inside a
 * request context carrying the message's correlation id, retry with backoff, and dead-letter what still fails —
 * so the partition always moves on. Resolves only after the handler's transaction committed.
 */
export abstract class EventDispatchingServer extends Server {
  override readonly propagatesEventHandlerErrors = true;

  protected constructor(protected readonly dispatchOptions: DispatchOptions) {
    super();
  }

  protected get log(): JsonLogger {
    return this.dispatchOptions.logger;
  }

  protected async dispatch(message: IncomingMessage): Promise<void> {
    const { metrics, consumer } = this.dispatchOptions;
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    const handler = eventType ? this.getHandlerByPattern(eventType) : null;
    if (!handler) {
      metrics.skippedUnknownType.inc({ topic: message.topic });
      return;
    }
    const attempts = this.dispatchOptions.attempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        const envelope = this.parse(message);
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
