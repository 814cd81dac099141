import {
  DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { JsonLogger, PersonalDataKeyring, SERVICE_DEFINITION, type ServiceDefinition } from '@app/platform';
import { AggregateCommands } from './aggregates/aggregate-commands';
import { AuditController } from './http/audit.controller';
import { TransparencyController } from './log/transparency.controller';
import { TransparencyLog } from './log/transparency-log';
import { StreamReads } from './http/stream-reads';
import { StreamVerifier } from './integrity/stream-verifier';
import { VerificationJobs } from './integrity/verification-jobs';
import { builtinProjections } from './projections/builtin-projections';
import type { CheckpointedReader } from './projections/checkpointed-reader';
import type { AsyncProjection, InlineProjection, Projection } from './projections/projection';
import { registerCheckpointLagGauges } from './projections/checkpoint-lag';
import { createProjectionRunner, projectionCheckpointName } from './projections/projection-runner';
import { CommandHandler } from './store/command-handler';
import { EventStore } from './store/event-store';
import { UpcasterRegistry } from './store/upcasters';
import { PersonalDataErasureController } from './personal-data/personal-data-erasure.controller';
import { Clock } from '@app/domain-kernel';

export interface EventStoreModuleOptions {
  /** The service's own projections; the builtin ones are always added. */
  projections?: Projection[];
  upcasters?: UpcasterRegistry;
}

export const EVENT_STORE_PROJECTIONS = Symbol('EVENT_STORE_PROJECTIONS');

/** Starts the asynchronous projections with the service and stops them before the database closes. */
@Injectable()
class AsyncProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private runners: CheckpointedReader[] = [];

  constructor(
    private readonly store: EventStore,
    @Inject(EVENT_STORE_PROJECTIONS) private readonly projections: Projection[],
    private readonly logger: JsonLogger,
    private readonly registry: Registry,
  ) {}

  onApplicationBootstrap() {
    const async = this.projections.filter((p): p is AsyncProjection => p.mode === 'async');
    this.runners = async.map((p) => createProjectionRunner(this.store, p, { logger: this.logger }));
    this.runners.forEach((r) => r.start());
    registerCheckpointLagGauges(
      this.registry,
      this.store.dataSource,
      this.store.schema,
      async.map((p) => ({ checkpoint: projectionCheckpointName(p), labels: { projection: p.name } })),
      'projection_lag',
      'the projection',
    );
  }

  async onApplicationShutdown() {
    await Promise.all(this.runners.map((r) => r.stop()));
  }
}

/** The event store of the service's schema, its command handler and aggregates' commands, integrity checks and audit routes. */
@Module({})
export class EventStoreModule {
  static forService(options: EventStoreModuleOptions = {}): DynamicModule {
    const projections = [...builtinProjections, ...(options.projections ?? [])];
    return {
      module: EventStoreModule,
      global: true,
      controllers: [AuditController, TransparencyController, PersonalDataErasureController],
      providers: [
        { provide: EVENT_STORE_PROJECTIONS, useValue: projections },
        {
          provide: EventStore,
          inject: [DataSource, SERVICE_DEFINITION, Registry],
          useFactory: (dataSource: DataSource, definition: ServiceDefinition, registry: Registry) => {
            const appended = new Counter({
              name: 'events_appended_total',
              help: 'Events appended by this instance',
              registers: [registry],
            });
            return new EventStore(dataSource, definition.schema, options.upcasters ?? new UpcasterRegistry(), {
              inlineProjections: projections.filter((p): p is InlineProjection => p.mode === 'inline'),
              onAppended: (count) => appended.inc(count),
            });
          },
        },
        {
          provide: CommandHandler,
          inject: [EventStore],
          useFactory: (store: EventStore) => new CommandHandler(store),
        },
        {
          provide: AggregateCommands,
          inject: [CommandHandler, Clock],
          useFactory: (handler: CommandHandler, clock: Clock) => new AggregateCommands(handler, clock),
        },
        {
          provide: StreamVerifier,
          inject: [EventStore],
          useFactory: (store: EventStore) => new StreamVerifier(store.dataSource, store.schema),
        },
        {
          provide: VerificationJobs,
          inject: [EventStore, StreamVerifier, JsonLogger],
          useFactory: (store: EventStore, verifier: StreamVerifier, logger: JsonLogger) =>
            new VerificationJobs(store.dataSource, store.schema, verifier, logger),
        },
        {
          provide: StreamReads,
          inject: [EventStore, PersonalDataKeyring],
          useFactory: (store: EventStore, keyring: PersonalDataKeyring) => new StreamReads(store, keyring),
        },
        AsyncProjectionsLifecycle,
        TransparencyLog,
      ],
      exports: [
        EventStore,
        CommandHandler,
        AggregateCommands,
        StreamVerifier,
        VerificationJobs,
        StreamReads,
        EVENT_STORE_PROJECTIONS,
        TransparencyLog,
      ],
    };
  }
}
