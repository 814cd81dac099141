import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import type { AnyPublishedEvent } from '@app/contracts';
import { EventStore, registerCheckpointLagGauges, type CheckpointedReader } from '@app/event-store';
import {
  JsonLogger,
  MessageBus,
  PersonalDataKeyring,
  SERVICE_CONFIG,
  SERVICE_DEFINITION,
  type ServiceConfig,
  type ServiceDefinition,
} from '@app/platform';
import { MessagingMetrics } from '../messaging-metrics';
import { EventsNotificationListener } from './events-notification.listener';
import { OutboxQuarantine, type QuarantineStatus } from './outbox-quarantine';
import { createOutboxRelay, OUTBOX_RELAY_NAME } from './outbox-relay';

export const PUBLISHED_EVENTS = Symbol('PUBLISHED_EVENTS');

/** Runs the service's outbox relay from start to shutdown and exports its lag. */
@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private relay?: CheckpointedReader;
  private listener?: EventsNotificationListener;

  constructor(
    private readonly store: EventStore,
    private readonly bus: MessageBus,
    @Inject(SERVICE_DEFINITION) private readonly definition: ServiceDefinition,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(PUBLISHED_EVENTS) private readonly published: AnyPublishedEvent[],
    private readonly registry: Registry,
    private readonly logger: JsonLogger,
    private readonly keyring: PersonalDataKeyring,
  ) {}

  onApplicationBootstrap(): void {
    const metrics = MessagingMetrics.of(this.registry);
    this.relay = createOutboxRelay({
      store: this.store,
      bus: this.bus,
      topic: this.definition.publishes,
      published: this.published,
      logger: this.logger,
      publicActor: (actor) => this.keyring.publicActor(actor),
      onPublished: (count) => metrics.published.inc({ topic: this.definition.publishes }, count),
      onQuarantined: (status, count) => metrics.quarantined.inc({ topic: this.definition.publishes, status }, count),
    });
    this.relay.start();
    this.listener = new EventsNotificationListener(
      this.config.databaseUrl,
      `${this.definition.schema}_events`,
      () => this.relay?.poke(),
      this.logger,
    );
    void this.listener.start();
    this.registerLagGauge();
    this.registerQuarantineGauge();
  }

  async onApplicationShutdown(): Promise<void> {
    const started = Date.now();
    await this.listener?.stop();
    await this.relay?.stop();
    this.logger.debug(`outbox relay stopped after ${Date.now() - started} ms`, 'Shutdown');
  }

  /** Unpublished quarantine rows by status: anything above 0 waits for a fix and an operator's release. */
  private registerQuarantineGauge(): void {
    const store = this.store;
    const quarantine = new OutboxQuarantine(store.schema);
    let inFlight: Promise<Record<QuarantineStatus, number>> | undefined;
    const counts = () =>
      (inFlight ??= (async () =>
        (await quarantine.available(store.dataSource))
          ? quarantine.counts(store.dataSource)
          : { quarantined: 0, held: 0 })().finally(() => (inFlight = undefined)));
    new Gauge({
      name: 'outbox_quarantined_events',
      help: 'Events set aside by the outbox relay and not yet published: quarantined (failed its contract) or held (behind one)',
      labelNames: ['status'],
      registers: [this.registry],
      // While the database is away the gauge keeps its last value: one failed query must not fail the whole scrape
      // (the consumer's pause counters matter most exactly then).
      async collect() {
        const c = await counts().catch(() => undefined);
        if (c) for (const status of ['quarantined', 'held'] as const) this.set({ status }, c[status]);
      },
    });
  }

  private registerLagGauge(): void {
    registerCheckpointLagGauges(
      this.registry,
      this.store.dataSource,
      this.store.schema,
      [{ checkpoint: OUTBOX_RELAY_NAME }],
      'outbox_relay_lag',
      'the outbox relay',
    );
  }
}
