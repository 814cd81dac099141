import { Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { MESSAGE_HEADERS } from '@app/contracts';
import { requestContext, type JsonLogger } from '@app/platform';
import { BusMessageContext } from './bus-message.context';
import type { IncomingMessage } from './incoming-message';

export interface DispatchCounters {
  handled: number;
  skippedUnknownType: number;
  unparsable: number;
}

/**
 * Shared by the Kafka and in-process transports: routes a message to the @EventPattern handler named by its
 * event-type header, inside a request context carrying its correlation id, and waits for the handler to finish.
 */
export abstract class EventDispatchingServer extends Server {
  // Errors must reach the transport so the offset is not committed for a message whose effect failed.
  override readonly propagatesEventHandlerErrors = true;
  readonly counters: DispatchCounters = { handled: 0, skippedUnknownType: 0, unparsable: 0 };

  protected constructor(protected readonly log: JsonLogger) {
    super();
  }

  protected async dispatch(message: IncomingMessage): Promise<void> {
    const eventType = message.headers[MESSAGE_HEADERS.eventType];
    const handler = eventType ? this.getHandlerByPattern(eventType) : null;
    if (!handler) {
      this.counters.skippedUnknownType++;
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(message.value);
    } catch {
      this.counters.unparsable++;
      this.log.warn(`unparsable ${eventType} at ${message.topic}/${message.partition}@${message.offset}`, 'Consumer');
      return;
    }
    const eventId = message.headers[MESSAGE_HEADERS.eventId] ?? `${message.topic}/${message.partition}@${message.offset}`;
    const context = {
      correlationId: message.headers[MESSAGE_HEADERS.correlationId] ?? eventId,
      requestId: eventId,
      causationId: eventId,
    };
    await requestContext.run(context, async () => {
      const result = await handler(data, new BusMessageContext(message));
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    });
    this.counters.handled++;
  }

  on(): void {
    // Status events are not used; readiness is checked actively.
  }
}
