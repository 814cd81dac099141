import type { CustomTransportStrategy } from '@nestjs/microservices';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ReadinessIndicator } from '../health/readiness-indicator';
import type { JsonLogger } from '../logging/json-logger';
import type { TraceCarrier } from '../tracing/trace-context';

export interface OutgoingMessage {
  /** Logical topic name from @app/contracts; the transport adds the namespace. */
  topic: string;
  key: string;
  value: unknown;
  headers: Record<string, string>;
  /**
   * The trace the message continues when it is published outside it (the outbox relay: the request that appended
   * its event); the active context when absent. Only read while tracing is on (see publishInSpans).
   */
  trace?: TraceCarrier;
}

/** Publishes to the service's broker: Kafka in production, the in-process bus in the embedded default. */
export abstract class MessageBus {
  abstract publish(messages: OutgoingMessage[]): Promise<void>;
}

/** What a service needs from its broker: a publisher, a consumer for Nest's @EventPattern handlers, a readiness check. */
export interface MessageTransport {
  readonly bus: MessageBus;
  readonly server: CustomTransportStrategy;
  /** The broker, and the consumer (not ready while a partition is paused after a transient failure). */
  readonly readiness: ReadinessIndicator[];
  close(): Promise<void>;
}

/** What a transport factory gets from the runtime: the service's logger, database and metrics. */
export interface TransportContext {
  logger: JsonLogger;
  dataSource: DataSource;
  metrics: Registry;
}
