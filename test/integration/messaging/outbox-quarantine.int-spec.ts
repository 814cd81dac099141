import { randomUUID } from 'node:crypto';
import { type Consumer, type Producer } from 'kafkajs';
import { MESSAGE_HEADERS } from '@app/contracts';
import { EventStore, UpcasterRegistry, type CheckpointedReader } from '@app/event-store';
import {
  createOutboxRelay,
  ensureTopics,
  messagingMigrations,
  OutboxQuarantine,
  physicalTopic,
  type QuarantineRow,
} from '@app/messaging';
import { MessageBus, type OutgoingMessage } from '@app/platform';
import { createEventStoreFixture, eventually, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';
import { tallyPublished } from '../../support/tally.contracts';
import { topicUnderTest } from '../../support/kafka-under-test';

const TOPIC = 'tally.events';

/** The relay's bus on real Kafka: a plain idempotent producer, JSON values, to the namespaced topic. */
class PlainKafkaBus extends MessageBus {
  constructor(
    private readonly producer: Producer,
    private readonly namespace: string,
  ) {
    super();
  }
  async publish(messages: OutgoingMessage[]): Promise<void> {
    await this.producer.send({
      topic: physicalTopic(this.namespace, TOPIC),
      acks: -1,
      messages: messages.map((m) => ({ key: m.key, value: JSON.stringify(m.value), headers: m.headers })),
    });
  }
}

interface Seen {
  eventId: string;
  streamId: string;
  streamVersion: number;
  payload: Record<string, unknown>;
}

// A producing service's event store and outbox relay (real Postgres), publishing to a namespaced topic on real Kafka;
// what arrives is read back with a plain kafkajs consumer.
describe('outbox quarantine: one invalid event does not stop the outbox', () => {
  const { ns, kafka, topic } = topicUnderTest('quarantine', TOPIC);
  let producer: EventStoreFixture;
  let kafkaProducer: Producer;
  let bus: PlainKafkaBus;
  let reader: Consumer;
  const seen: Seen[] = [];
  const warnings: string[] = [];
  const counted: Record<string, number> = { quarantined: 0, held: 0, published: 0 };
  const logger = {
    log: () => undefined,
    error: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
    warn: (m: unknown) => void warnings.push(String(m)),
  };
  let quarantine: OutboxQuarantine;
  const relays: CheckpointedReader[] = [];

  const good = Array.from({ length: 4 }, () => `good-${randomUUID()}`);
  const bad = `bad-${randomUUID()}`;
  const badEventIds: string[] = [];

  beforeAll(async () => {
    producer = await createEventStoreFixture('outbox_quarantine', { migrations: messagingMigrations });
    quarantine = new OutboxQuarantine(producer.schema);
    await ensureTopics(kafka, [topic]);
    kafkaProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await kafkaProducer.connect();
    bus = new PlainKafkaBus(kafkaProducer, ns);
    reader = kafka.consumer({ groupId: `${ns}.reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value!.toString());
        expect(message.headers?.[MESSAGE_HEADERS.eventId]?.toString()).toBe(envelope.eventId);
        seen.push({
          eventId: envelope.eventId,
          streamId: envelope.streamId,
          streamVersion: envelope.streamVersion,
          payload: envelope.payload,
        });
      },
    });
  });

  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await reader?.disconnect();
    await kafkaProducer?.disconnect();
    await producer?.close();
  });

  function startRelay(store: EventStore): CheckpointedReader {
    const relay = createOutboxRelay({
      store,
      bus,
      topic: TOPIC,
      published: tallyPublished,
      logger,
      idleMs: 20,
      releaseCheckMs: 50,
      onPublished: (n) => (counted.published += n),
      onQuarantined: (status, n) => (counted[status] += n),
    });
    relays.push(relay);
    relay.start();
    return relay;
  }

  async function stopRelay(relay: CheckpointedReader): Promise<void> {
    await relay.stop();
    relays.splice(relays.indexOf(relay), 1);
  }

  const metadata = () => tallyCommand('CountTally', { by: 1 }).metadata;
  async function append(streamId: string, from: number, data: Array<Record<string, unknown>>) {
    return producer.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: from,
      metadata: metadata(),
      events: data.map((d) => ({ type: 'TallyCounted', data: d })),
    });
  }
  const versionsOf = (streamId: string) => seen.filter((s) => s.streamId === streamId).map((s) => s.streamVersion);
  const rowsOf = async (streamId: string): Promise<QuarantineRow[]> =>
    producer.dataSource.query(
      `SELECT event_id AS "eventId", stream_version AS "streamVersion", status, error, release_requested_at AS "releaseRequestedAt", published_at AS "publishedAt",
              global_position::text AS "globalPosition", transaction_id::text AS "transactionId", event_type AS "eventType"
         FROM "${producer.schema}".outbox_quarantine WHERE stream_id = $1 ORDER BY global_position`,
      [streamId],
    );
  const settle = () => new Promise((r) => setTimeout(r, 1000));

  it('quarantines the invalid event with its reason, holds its stream behind it and publishes every other stream', async () => {
    // Good streams, interleaved in the log with the bad one; one carries a field no contract declares.
    for (const s of good.slice(0, 2)) await append(s, 0, [{ by: 1 }, { by: 2 }]);
    badEventIds.push(...(await append(bad, 0, [{ by: 1 }, { amount: 3 }, { by: 4 }])).map((e) => e.eventId)); // v2 lacks by
    for (const s of good.slice(2)) await append(s, 0, [{ by: 1 }, { by: 2 }]);
    for (const s of good) await append(s, 2, [{ by: 3, internalNote: 'never public' }]);

    const relay = startRelay(producer.store);
    await eventually(
      async () => seen.length,
      (n) => n >= 4 * 3 + 1,
      { what: "every good event and the bad stream's first", timeoutMs: 60_000 },
    );
    await eventually(
      () => rowsOf(bad),
      (rows) => rows.length === 2,
      { what: 'two quarantine rows' },
    );
    // Later events of the bad stream keep being held; other streams keep flowing.
    badEventIds.push(...(await append(bad, 3, [{ by: 5 }])).map((e) => e.eventId));
    await append(good[0], 3, [{ by: 4 }]);
    await eventually(
      async () => versionsOf(good[0]),
      (v) => v.length === 4,
      { what: "the good stream's next event" },
    );
    await eventually(
      () => rowsOf(bad),
      (rows) => rows.length === 3,
      { what: "the bad stream's next event held" },
    );
    await settle();

    const rows = await rowsOf(bad);
    expect(rows.map((r) => [r.eventId, r.streamVersion, r.status])).toEqual([
      [badEventIds[1], 2, 'quarantined'],
      [badEventIds[2], 3, 'held'],
      [badEventIds[3], 4, 'held'],
    ]);
    expect(rows[0].error).toMatch(/^TallyCountedV1 is invalid: by: .*by must be an integer number/);
    expect(rows[1].error).toContain(badEventIds[1]);
    expect(rows.every((r) => r.publishedAt === null && r.releaseRequestedAt === null)).toBe(true);
    expect(versionsOf(bad)).toEqual([1]);
    for (const s of good) expect(versionsOf(s)).toEqual(s === good[0] ? [1, 2, 3, 4] : [1, 2, 3]);
    expect(seen).toHaveLength(4 * 3 + 1 + 1);
    expect(new Set(seen.map((s) => s.eventId)).size).toBe(seen.length);
    expect(
      warnings.some(
        (w) =>
          w.includes(badEventIds[1]) &&
          w.includes(bad) &&
          w.includes('TallyCounted') &&
          w.includes('by must be an integer'),
      ),
    ).toBe(true);
    expect(counted).toMatchObject({ quarantined: 1, held: 2 });
    expect(await quarantine.counts(producer.dataSource)).toEqual({ quarantined: 1, held: 2 });
    // What the operators' route and CLI show, a page at a time in release order, with the total of every page.
    const pages = await Promise.all(
      [1, 2, 3].map((page) => quarantine.page(producer.dataSource, { page: { page, limit: 2 } })),
    );
    expect(pages.map((p) => [p.page, p.limit, p.total, p.items.length])).toEqual([
      [1, 2, 3, 2],
      [2, 2, 3, 1],
      [3, 2, 3, 0],
    ]);
    expect(pages.flatMap((p) => p.items.map((r) => r.eventId))).toEqual(badEventIds.slice(1));
    expect((await quarantine.page(producer.dataSource, { streamId: good[0], page: { page: 1, limit: 2 } })).total).toBe(
      0,
    );

    // The checkpoint moved past the bad stream's events: the relay is not stuck on them.
    const [checkpoint] = await producer.dataSource.query(
      `SELECT last_position::text AS p FROM "${producer.schema}".projection_checkpoints WHERE name = 'outbox-relay'`,
    );
    const [last] = await producer.dataSource.query(
      `SELECT max(global_position)::text AS p FROM "${producer.schema}".events`,
    );
    expect(checkpoint.p).toBe(last.p);
    await stopRelay(relay);
  });

  it('publishes only what contracts declare', () => {
    const noted = seen.filter((s) => s.streamVersion === 3 && good.includes(s.streamId));
    expect(noted).toHaveLength(4);
    for (const s of noted) expect(s.payload).toEqual({ by: 3 });
  });

  it('keeps a released event quarantined, with its new error, while its contract still fails', async () => {
    const relay = startRelay(producer.store);
    expect(await quarantine.requestRelease(producer.dataSource, { streamId: bad })).toEqual({ events: 3, streams: 1 });
    await eventually(
      () => rowsOf(bad),
      (rows) => rows.every((r) => r.releaseRequestedAt === null),
      { what: 'the release request spent' },
    );
    await settle();
    const rows = await rowsOf(bad);
    expect(rows.map((r) => r.status)).toEqual(['quarantined', 'held', 'held']);
    expect(rows[0].error).toMatch(/by must be an integer/);
    expect(rows.every((r) => r.publishedAt === null)).toBe(true);
    expect(versionsOf(bad)).toEqual([1]);
    expect(warnings.some((w) => w.includes(`release of stream ${bad}`) && w.includes('still fails'))).toBe(true);
    await stopRelay(relay);
  });

  it('after the fix (an upcaster) and a release, publishes the stream in order, nothing twice, and lets it flow again', async () => {
    // The fix deployed: stored TallyCounted v1 without `by` are upcast (the stored bytes stay as the hash chain has them).
    const upcasters = new UpcasterRegistry().register('TallyCounted', 1, (p) =>
      'by' in p ? p : { by: Number(p.amount) },
    );
    const fixed = new EventStore(producer.dataSource, producer.schema, upcasters);
    const before = seen.length;
    startRelay(fixed);
    await settle();
    expect(seen).toHaveLength(before); // nothing is published without the operator's release

    await quarantine.requestRelease(producer.dataSource, { streamId: bad });
    await eventually(
      async () => versionsOf(bad),
      (v) => v.length >= 4,
      { what: 'the released stream', timeoutMs: 30_000 },
    );
    await settle();
    expect(versionsOf(bad)).toEqual([1, 2, 3, 4]);
    expect(seen.find((s) => s.eventId === badEventIds[1])!.payload).toEqual({ by: 3 });
    const rows = await rowsOf(bad);
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
    expect(await quarantine.counts(producer.dataSource)).toEqual({ quarantined: 0, held: 0 });

    // Released: the stream's next event is published at once, and no event was published twice.
    await append(bad, 4, [{ by: 6 }]);
    await eventually(
      async () => versionsOf(bad),
      (v) => v.length === 5,
      { what: 'the stream flowing again' },
    );
    await settle();
    expect(versionsOf(bad)).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toHaveLength(before + 4);
    expect(new Set(seen.map((s) => s.eventId)).size).toBe(seen.length);
    expect(await rowsOf(bad)).toHaveLength(3);
  });
});
