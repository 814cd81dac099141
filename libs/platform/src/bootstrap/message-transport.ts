import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { ReadinessIndicator } from '../health/readiness-indicator';

export interface OutgoingMessage {
  /** Logical topic name from @app/contracts; the transport adds the namespace. */
  topic: string;
  key: string;
  value: unknown;
  headers: Record<string, string>;
}

/** Publishes to the service's broker: Kafka in production, the in-process bus in the embedded default. */
export abstract class MessageBus {
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
}

/** What a service needs from its broker: a publisher, a consumer for Nest's @EventPattern handlers, a readiness check. */
export interface MessageTransport {
  readonly bus: MessageBus;
  readonly server: CustomTransportStrategy;
  readonly readiness: ReadinessIndicator;
  close(): Promise<void>;
}
