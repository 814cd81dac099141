import { randomUUID } from 'node:crypto';
import { DEAD_LETTER_HEADERS, deadLetterTopic, MESSAGE_HEADERS } from '@app/contracts';
import { CheckpointedReader } from '@app/event-store';
import { ensureTopics, KafkaMessageBus, physicalTopic, publishBatch } from '@app/messaging';
import type { RunningService } from '@app/platform';
import { createEventStoreFixture, eventually, type EventStoreFixture, testSigner } from '@app/testing';
import pg from 'pg';
import { tallyCommand } from '../../support/tally.decider';
import { TallyBrokenV1, tallyPublished } from '../../support/tally.contracts';
import { startTallyConsumer, startTallyRelay, TALLY_TOPIC, tallyProducerBus } from '../../support/tally-services';
import { appendTallyCounts } from '../../support/tally-handling';
import { topicUnderTest } from '../../support/kafka-under-test';

// Producer: an event store and its outbox relay. Consumer: a Nest service with the inbox. Real Kafka between.
describe('outbox to Kafka to inbox', () => {
  const { ns, kafka, topic } = topicUnderTest('outbox', TALLY_TOPIC);
  let producer: EventStoreFixture;
  let bus: KafkaMessageBus;
  let consumerDb: { url: string; drop(): Promise<void> };
  const consumers: RunningService[] = [];
  let db: pg.Client;

  beforeAll(async () => {
    producer = await createEventStoreFixture('outbox_producer');
    consumerDb = producer.db; // the consumer has its own schema in the same test database
    await ensureTopics(kafka, [topic]);
    bus = tallyProducerBus(ns, 'outbox-test');
    consumers.push(await startTallyConsumer(consumerDb.url, { kafkaNamespace: ns }));
    db = new pg.Client({ connectionString: consumerDb.url });
    await db.connect();
  });

  afterAll(async () => {
    for (const c of consumers) await c.stop();
    await bus?.close();
    await db?.end();
    await producer?.close();
  });

  /** How many effects the consumer has of the streams whose id starts with `prefix`. */
  const effectsCount = async (prefix: string): Promise<number> =>
    (
      await db.query(`SELECT count(*)::int AS n FROM tally_consumer.tally_effects WHERE stream_id LIKE $1`, [
        `${prefix}%`,
      ])
    ).rows[0].n;

  const effectsOf = async (streamId: string) =>
    (
      await db.query(
        `SELECT event_id, stream_version, instance FROM tally_consumer.tally_effects WHERE stream_id = $1 ORDER BY seq`,
        [streamId],
      )
    ).rows;

  it('publishes again after a crash between publish and checkpoint, and the consumer acts once', async () => {
    const streamId = `crash-${randomUUID()}`;
    const appended = await appendTallyCounts(producer.store, streamId, 3);
    const publish = publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished });
    let crashes = 0;
    // The relay's own batch logic, but the process "dies" after the broker acknowledged and before the checkpoint.
    const crashing = new CheckpointedReader({
      store: producer.store,
      name: 'outbox-relay',
      idleMs: 20,
      handle: async (_m, events) => {
        await publish(events);
        if (crashes++ === 0) throw new Error('killed between publish and checkpoint');
      },
    });
    crashing.start();
    await eventually(
      () => effectsOf(streamId),
      (rows) => rows.length === 3,
      { what: 'three effects' },
    );
    await eventually(
      async () => crashes,
      (n) => n >= 2,
      { what: 'republished' },
    );
    await crashing.stop();
    await new Promise((r) => setTimeout(r, 1000));
    const rows = await effectsOf(streamId);
    expect(rows.map((r) => r.event_id).sort()).toEqual(appended.map((e) => e.eventId).sort());
    const metrics = await consumers[0].app.get((await import('prom-client')).Registry).metrics();
    expect(metrics).toMatch(
      /messages_redelivered_ignored_total\{consumer="tally-consumer",service="tally-consumer"\} [1-9]/,
    );
  });

  it('has no second effect for the same envelope produced twice or a partition replayed from offset 0', async () => {
    const streamId = `twice-${randomUUID()}`;
    const events = await appendTallyCounts(producer.store, streamId, 2, 0);
    const publish = publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished });
    await publish(events);
    await publish(events);
    await eventually(
      () => effectsOf(streamId),
      (rows) => rows.length === 2,
      { what: 'two effects' },
    );

    // Replay: stop the group, rewind every partition to 0, start again.
    await consumers.pop()!.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId: physicalTopic(ns, 'tally-consumer'), topic, earliest: true });
    await admin.disconnect();
    consumers.push(await startTallyConsumer(consumerDb.url, { kafkaNamespace: ns }));
    const registry = consumers[0].app.get((await import('prom-client')).Registry);
    await eventually(
      async () => registry.metrics(),
      (m) => /messages_redelivered_ignored_total\{[^}]*\} ([4-9]|\d\d)/.test(m),
      {
        what: 'replayed messages ignored',
        timeoutMs: 60_000,
      },
    );
    expect(await effectsOf(streamId)).toHaveLength(2);
  });

  it('dead-letters a malformed message and a handler that always fails, and processes what follows', async () => {
    const streamId = `dlq-${randomUUID()}`;
    const raw = kafka.producer();
    await raw.connect();
    // Signed by the topic's owner (so it is not refused as forged) but not JSON.
    const signature = testSigner('tally').headers(TALLY_TOPIC, streamId, '{not json');
    await raw.send({
      topic,
      messages: [
        {
          key: streamId,
          value: '{not json',
          headers: { [MESSAGE_HEADERS.eventType]: 'TallyCounted', [MESSAGE_HEADERS.eventId]: 'x', ...signature },
        },
      ],
    });
    const [valid] = await appendTallyCounts(producer.store, streamId, 1);
    const publish = publishBatch({
      bus,
      topic: TALLY_TOPIC,
      published: [...tallyPublished, { eventType: 'TallyBroken', contract: TallyBrokenV1, schemaVersion: 1 }],
    });
    const [broken] = await producer.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 1,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: [{ type: 'TallyBroken', data: {} }],
    });
    await publish([broken]);
    await publish([valid]);
    await raw.disconnect();

    await eventually(
      () => effectsOf(streamId),
      (rows) => rows.length === 1,
      { what: 'the message after the poison', timeoutMs: 30_000 },
    );

    const dead: Array<{ headers: Record<string, string>; value: string }> = [];
    const reader = kafka.consumer({ groupId: `${ns}.dlq-reader-${randomUUID()}` });
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
        if (message.key?.toString() === streamId) dead.push({ headers, value: message.value!.toString() });
      },
    });
    await eventually(
      async () => dead.length,
      (n) => n >= 2,
      { what: 'two dead letters', timeoutMs: 30_000 },
    );
    await reader.disconnect();
    const errors = dead.map((d) => d.headers[DEAD_LETTER_HEADERS.error]);
    expect(errors.some((e) => /not JSON/.test(e))).toBe(true);
    expect(errors.some((e) => /always fails/.test(e))).toBe(true);
    expect(dead.find((d) => /always fails/.test(d.headers[DEAD_LETTER_HEADERS.error]))!.headers).toMatchObject({
      [MESSAGE_HEADERS.eventType]: 'TallyBroken',
      [DEAD_LETTER_HEADERS.originalTopic]: topic,
      [DEAD_LETTER_HEADERS.consumer]: 'tally-consumer',
    });
  });

  it('delivers 1,000 events over 50 streams in stream order, through the relay', async () => {
    const streams = Array.from({ length: 50 }, () => `order-${randomUUID()}`);
    await Promise.all(streams.map((s) => appendTallyCounts(producer.store, s, 20)));
    const relay = startTallyRelay(producer.store, bus, { idleMs: 20 });
    try {
      await eventually(
        () => effectsCount('order-'),
        (n) => n === 1000,
        { what: '1000 effects', timeoutMs: 60_000 },
      );
    } finally {
      await relay.stop();
    }
    for (const streamId of streams) {
      expect((await effectsOf(streamId)).map((r) => r.stream_version)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    }
  });

  it('shares partitions between two instances and moves them to the survivor with nothing lost or doubled', async () => {
    process.env.TEST_INSTANCE = 'second';
    consumers.push(await startTallyConsumer(consumerDb.url, { kafkaNamespace: ns }));
    process.env.TEST_INSTANCE = 'main';
    await new Promise((r) => setTimeout(r, 3000)); // let the group rebalance over both
    const publish = publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished });
    /** 30 streams of 5 counts under `prefix`, published; resolves once the consumers hold their 150 effects. */
    const publishStreams = async (prefix: string, what: string) => {
      const streams = Array.from({ length: 30 }, () => `${prefix}${randomUUID()}`);
      for (const s of streams) await publish(await appendTallyCounts(producer.store, s, 5));
      await eventually(
        () => effectsCount(prefix),
        (n) => n === 150,
        { what, timeoutMs: 60_000 },
      );
    };
    await publishStreams('share-', '150 effects');
    const byInstance = (
      await db.query(
        `SELECT instance, count(*)::int AS n FROM tally_consumer.tally_effects WHERE stream_id LIKE 'share-%' GROUP BY instance`,
      )
    ).rows;
    expect(byInstance).toHaveLength(2);

    // One instance stops; the other takes its partitions.
    await consumers.pop()!.stop();
    await publishStreams('after-', '150 effects after the stop');
    const doubled = (
      await db.query(`SELECT event_id FROM tally_consumer.tally_effects GROUP BY event_id HAVING count(*) > 1`)
    ).rows;
    expect(doubled).toEqual([]);
  });

  it('exports the relay lag and consumer lag as Prometheus metrics', async () => {
    const metrics = await consumers[0].app.get((await import('prom-client')).Registry).metrics();
    expect(metrics).toMatch(/consumer_lag_messages\{topic="[^"]*tally\.events",partition="\d"/);
    expect(metrics).toMatch(/outbox_relay_lag_events\{service="tally-consumer"\} \d+/);
    expect(metrics).toMatch(/messages_consumed_total\{topic="[^"]*",event_type="TallyCounted"/);
    expect(metrics).toMatch(/messages_dead_lettered_total\{topic="[^"]*",reason="invalid"/);
  });
});
