import type { CustomTransportStrategy } from '@nestjs/microservices';
import { TOPICS } from '@app/contracts';
import {
  MessageBus,
  type MessageTransport,
  type OutgoingMessage,
  type ServiceConfig,
  type ServiceDefinition,
  type TransportContext,
} from '@app/platform';
import { ConsumerHealth, notePause } from '../consumer-health';
import { TableDeadLetterSink } from '../dead-letters/table-dead-letter.sink';
import { EventDispatchingServer, type DispatchOptions } from '../event-dispatching.server';
import { TransientFailure } from '../failures/message-failures';
import type { IncomingMessage } from '../incoming-message';
import { MessagingMetrics } from '../messaging-metrics';
import { envelopeSecurity } from '../signing/envelope-security';
import type { MessageSigner } from '../signing/envelope-signature';
import { publishInSpans } from '../tracing/message-spans';
import type { InProcessBroker } from './in-process-broker';

export class InProcessMessageBus extends MessageBus {
  constructor(
    private readonly broker: InProcessBroker,
    private readonly signer: MessageSigner,
  ) {
    super();
  }

  /** Resolves once every subscribed consumer has committed each message, so the relay's checkpoint never runs ahead. */
  async publish(messages: OutgoingMessage[]): Promise<void> {
    await publishInSpans('in_process', messages, async (traced) => {
      await Promise.all(
        traced.map(async (m) => {
          const value = JSON.stringify(m.value);
          return this.broker.publish(m.topic, m.key, value, {
            ...m.headers,
            ...(await this.signer.signedHeaders(m.topic, m.key, value, traced.length)),
          });
        }),
      );
    });
  }
}

class InProcessServer extends EventDispatchingServer implements CustomTransportStrategy {
  protected readonly messagingSystem = 'in_process';
  private unsubscribe: Array<() => void> = [];
  private active = false;

  constructor(
    private readonly broker: InProcessBroker,
    private readonly group: string,
    private readonly topics: string[],
    dispatch: DispatchOptions,
  ) {
    super(dispatch);
  }

  listen(callback: () => void): void {
    this.active = true;
    this.unsubscribe = this.topics.map((topic) => this.broker.subscribe(topic, this.group, (m) => this.deliver(m)));
    this.startParkedRetries();
    callback();
  }

  async close(): Promise<void> {
    this.active = false;
    this.unsubscribe.forEach((stop) => stop());
    await this.stopParkedRetries();
  }

  unwrap<T>(): T {
    return this.broker as T;
  }

  /** As on Kafka: a transient failure holds the topic's queue at this message and retries it, with a capped backoff. */
  private async deliver(message: IncomingMessage): Promise<void> {
    const { health } = this.dispatchOptions;
    const queue = `${message.topic}/${message.partition}`;
    for (;;) {
      try {
        await this.dispatch(message);
        health.recovered(queue);
        return;
      } catch (error) {
        if (!(error instanceof TransientFailure) || !this.active) throw error;
        const delay = notePause(queue, error, { ...this.dispatchOptions, log: this.log }, 'Consumer');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

/** Transport of the embedded default: same dispatcher as Kafka, delivery inside this process. */
export function createInProcessTransport(
  definition: ServiceDefinition,
  broker: InProcessBroker,
  context: TransportContext,
  config: Pick<ServiceConfig, 'envelopeKeys'>,
): MessageTransport {
  const { signer, verifier } = envelopeSecurity(definition, config.envelopeKeys);
  const health = new ConsumerHealth(context.metrics);
  const server = new InProcessServer(broker, definition.name, [...definition.subscribes, TOPICS.pings], {
    consumer: definition.name,
    logger: context.logger,
    deadLetters: new TableDeadLetterSink(context.dataSource, definition.schema),
    metrics: MessagingMetrics.of(context.metrics),
    verifier,
    health,
    database: { dataSource: context.dataSource, schema: definition.schema },
  });
  return {
    bus: new InProcessMessageBus(broker, signer),
    server,
    readiness: [
      { name: 'in-process-bus', check: async () => ({ up: true, detail: 'embedded default; no Kafka configured' }) },
      health,
    ],
    async close() {
      await server.close();
    },
  };
}
