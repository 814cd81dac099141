import { eventStoreMigrations } from '@app/event-store';
import {
  createInProcessTransport,
  createKafkaClient,
  createKafkaTransport,
  KafkaMessageBus,
  messagingMigrations,
  createOutboxRelay,
  type InProcessBroker,
  type OutboxRelayOptions,
} from '@app/messaging';
import {
  JsonLogger,
  platformMigrations,
  startService,
  type RunningService,
  type ServiceDefinition,
} from '@app/platform';
import {
  serviceDatabaseEnv,
  testEnv,
  testEnvelopeKeys,
  testJwtSettings,
  testPersonalDataSettings,
  testSigner,
} from '@app/testing';
import { CreateTallyEffects1764300000000, TallyConsumerModule } from './tally-consumer.module';
import { tallyPublished } from './tally.contracts';

export const TALLY_TOPIC = 'tally.events';

export const tallyConsumerService: ServiceDefinition = {
  name: 'tally-consumer',
  schema: 'tally_consumer',
  defaultPort: 0,
  module: TallyConsumerModule,
  migrations: [...platformMigrations, ...eventStoreMigrations, ...messagingMigrations, CreateTallyEffects1764300000000],
  publishes: 'tally-consumer.events',
  subscribes: [TALLY_TOPIC],
};

/**
 * A consumer service inside the test process, on Kafka (namespaced) or on the in-process bus; on a test database,
 * migrated by its owner role and run as its runtime role.
 */
export function startTallyConsumer(
  databaseUrl: string,
  transport: { kafkaNamespace: string } | { broker: InProcessBroker },
): Promise<RunningService> {
  const database = serviceDatabaseEnv(databaseUrl);
  const config = {
    serviceName: tallyConsumerService.name,
    port: 0,
    databaseUrl: database.DATABASE_URL,
    databaseOwnerUrl: database.DATABASE_OWNER_URL,
    kafkaBrokers: 'broker' in transport ? null : testEnv('kafkaBrokers').split(','),
    kafkaNamespace: 'broker' in transport ? '' : transport.kafkaNamespace,
    jwt: testJwtSettings(tallyConsumerService.name),
    logLevel: 'warn' as const,
    envelopeKeys: testEnvelopeKeys(tallyConsumerService.name),
    checkpoints: { intervalMs: 200 },
    personalData: testPersonalDataSettings(),
  };
  return startService(tallyConsumerService, config, (context) =>
    'broker' in transport
      ? createInProcessTransport(tallyConsumerService, transport.broker, context, config)
      : createKafkaTransport(tallyConsumerService, config, context),
  );
}

/** The tally producer's bus to the namespace's topics on the test broker, signing its envelopes as that producer. */
export const tallyProducerBus = (ns: string, clientId: string) =>
  new KafkaMessageBus(
    createKafkaClient(testEnv('kafkaBrokers').split(','), clientId, new JsonLogger('test', 'error')),
    ns,
    testSigner('tally'),
  );

/**
 * The producer's outbox relay for the tally topic, started: what a producing service runs beside its store. `pace`
 * sets how often it looks for new events and how many it takes at once; the caller stops it.
 */
export function startTallyRelay(
  store: OutboxRelayOptions['store'],
  bus: OutboxRelayOptions['bus'],
  pace: Pick<OutboxRelayOptions, 'idleMs' | 'batchSize'>,
) {
  const relay = createOutboxRelay({ store, bus, topic: TALLY_TOPIC, published: tallyPublished, ...pace });
  relay.start();
  return relay;
}
