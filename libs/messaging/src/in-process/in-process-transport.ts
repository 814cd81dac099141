import type { CustomTransportStrategy } from '@nestjs/microservices';
import { TOPICS } from '@app/contracts';
import { MessageBus, type MessageTransport, type OutgoingMessage, type ServiceDefinition, type TransportContext } from '@app/platform';
import { TableDeadLetterSink } from '../dead-letters/table-dead-letter.sink';
import { EventDispatchingServer, type DispatchOptions } from '../event-dispatching.server';
import { MessagingMetrics } from '../messaging-metrics';
import type { InProcessBroker } from './in-process-broker';

export class InProcessMessageBus extends MessageBus {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  /** Resolves once every subscribed consumer has committed each message, so the relay's checkpoint never runs ahead. */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    await Promise.all(messages.map((m) => this.broker.publish(m.topic, m.key, JSON.stringify(m.value), m.headers)));
  }
}

class InProcessServer extends EventDispatchingServer implements CustomTransportStrategy {
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly broker: InProcessBroker,
    private readonly group: string,
    private readonly topics: string[],
    dispatch: DispatchOptions,
  ) {
    super(dispatch);
  }

  listen(callback: () => void): void {
    this.unsubscribe = this.topics.map((topic) => this.broker.subscribe(topic, this.group, (m) => this.dispatch(m)));
    callback();
  }

  close(): void {
    this.unsubscribe.forEach((stop) => stop());
  }

  unwrap<T>(): T {
    return this.broker as T;
  }
}

/** Transport of the embedded default: same dispatcher as Kafka, delivery inside this process. */
export function createInProcessTransport(
  definition: ServiceDefinition,
  broker: InProcessBroker,
  context: TransportContext,
): MessageTransport {
  const server = new InProcessServer(broker, definition.name, [...definition.subscribes, TOPICS.pings], {
    consumer: definition.name,
    logger: context.logger,
    deadLetters: new TableDeadLetterSink(context.dataSource, definition.schema),
    metrics: MessagingMetrics.of(context.metrics),
  });
  return {
    bus: new InProcessMessageBus(broker),
    server,
    readiness: { name: 'in-process-bus', check: async () => ({ up: true, detail: 'embedded default; no Kafka configured' }) },
    async close() {
      server.close();
    },
  };
}
