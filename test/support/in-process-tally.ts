import { InProcessBroker, InProcessMessageBus } from '@app/messaging';
import type { RunningService } from '@app/platform';
import { createEventStoreFixture, testSigner, type EventStoreFixture } from '@app/testing';
import pg from 'pg';
import { provided } from './provided';
import { startTallyConsumer } from './tally-services';

export interface InProcessTally {
  broker: InProcessBroker;
  /** The producer's bus onto the broker, signing as the tally producer. */
  bus: InProcessMessageBus;
  producer: EventStoreFixture;
  consumer: RunningService;
  /** A client on the one test database, to read the consumer's tables. */
  db: pg.Client;
}

export interface InProcessTallyOptions {
  /** The URL the consumer reaches the database by (a fault proxy in front of it, say); default the database's own. */
  consumerDatabaseUrl?: (databaseUrl: string) => Promise<string>;
  /** Runs in afterAll before the consumer stops (a proxy restored, so that it can stop cleanly). */
  beforeStop?: () => Promise<void>;
  /** Runs in afterAll once the consumer stopped, before the database goes. */
  afterStop?: () => Promise<void>;
}

/**
 * The embedded default's transport under test, for the describe block it is called in: the tally producer's event
 * store and the tally consumer service on one test database, delivering over one in-process broker. Started in
 * beforeAll, closed in afterAll; the handles read as the values themselves once beforeAll ran.
 */
export function inProcessTally(label: string, options: InProcessTallyOptions = {}): InProcessTally {
  const broker = new InProcessBroker();
  const producer = provided<EventStoreFixture>(`${label} producer`);
  const consumer = provided<RunningService>(`${label} consumer`);
  const db = provided<pg.Client>(`${label} database client`);
  beforeAll(async () => {
    producer.set(await createEventStoreFixture(label));
    const url = producer.value.db.url;
    consumer.set(await startTallyConsumer((await options.consumerDatabaseUrl?.(url)) ?? url, { broker }));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    db.set(client);
  });
  afterAll(async () => {
    await options.beforeStop?.();
    await consumer.current()?.stop();
    await options.afterStop?.();
    await db.current()?.end();
    await producer.current()?.close();
  });
  return {
    broker,
    bus: new InProcessMessageBus(broker, testSigner('tally')),
    producer: producer.value,
    consumer: consumer.value,
    db: db.value,
  };
}
