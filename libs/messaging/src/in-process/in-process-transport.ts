import type { CustomTransportStrategy } from '@nestjs/microservices';
import { TOPICS } from '@app/contracts';
import { MessageBus, type JsonLogger, type MessageTransport, type OutgoingMessage, type ServiceDefinition } from '@app/platform';
import { EventDispatchingServer } from '../event-dispatching.server';
import type { InProcessBroker } from './in-process-broker';

class InProcessMessageBus extends MessageBus {
  constructor(private readonly broker: InProcessBroker) {
    super();
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const m of messages) this.broker.publish(m.topic, m.key, JSON.stringify(m.value), m.headers);
  }
}

class InProcessServer extends EventDispatchingServer implements CustomTransportStrategy {
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly broker: InProcessBroker,
    private readonly group: string,
    private readonly topics: string[],
    logger: JsonLogger,
  ) {
    super(logger);
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
  logger: JsonLogger,
): MessageTransport {
  const server = new InProcessServer(broker, definition.name, [...definition.subscribes, TOPICS.pings], logger);
  return {
    bus: new InProcessMessageBus(broker),
    server,
    readiness: { name: 'in-process-bus', check: async () => ({ up: true, detail: 'embedded default; no Kafka configured' }) },
    async close() {
      server.close();
    },
  };
}
