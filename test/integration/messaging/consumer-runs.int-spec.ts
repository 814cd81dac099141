import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Admin } from 'kafkajs';
import { Registry } from 'prom-client';
import type { AnyPublishedEvent } from '@app/contracts';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { ensureTopics, KafkaMessageBus, physicalTopic, publishBatch } from '@app/messaging';
import type { RunningService } from '@app/platform';
import { createEventStoreFixture, eventually, testEnv, uniqueNamespace, type EventStoreFixture } from '@app/testing';
import pg from 'pg';
import { tallyCommand } from '../../support/tally.decider';
import { TallyBrokenV1, TallyFlakyV1, tallyPublished } from '../../support/tally.contracts';
import { flakyStreams } from '../../support/tally-consumer.module';
import { startTallyConsumer, TALLY_TOPIC, tallyProducerBus } from '../../support/tally-services';
import { testKafka } from '../../support/kafka-under-test';

// The consumer handles the messages of a fetch in runs, each run in one transaction (EventDispatchingServer.dispatchRun).
// Every message of a test goes out in one produce request with one key, so they reach the consumer as one fetch of one
// partition. A row's xmin is the transaction that wrote it: fewer xmins than rows means runs were shared.
describe('consumer runs: a fetch of messages in one transaction', () => {
  const ns = uniqueNamespace('runs');
  const kafka = testKafka('runs-test');
  const published: AnyPublishedEvent[] = [
    ...tallyPublished,
    { eventType: 'TallyBroken', contract: TallyBrokenV1, schemaVersion: 1 },
    { eventType: 'TallyFlaky', contract: TallyFlakyV1, schemaVersion: 1 },
  ];
  let producer: EventStoreFixture;
  let bus: KafkaMessageBus;
  let consumer: RunningService;
  let db: pg.Client;
  let publish: (events: RecordedEvent[]) => Promise<number>;

  beforeAll(async () => {
    producer = await createEventStoreFixture('runs_producer');
    await ensureTopics(kafka, [physicalTopic(ns, TALLY_TOPIC)]);
    bus = tallyProducerBus(ns, 'runs-test');
    publish = publishBatch({ bus, topic: TALLY_TOPIC, published });
    consumer = await startTallyConsumer(producer.db.url, { kafkaNamespace: ns });
    db = new pg.Client({ connectionString: producer.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await db?.end();
    await producer?.close();
  });

  /** Messages of the topic the group has not committed past, over all partitions. */
  const consumerLag = async (admin: Admin, groupId: string, topic: string) => {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
    const done = (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions;
    return done.reduce((lag, p) => lag + (ends.get(p.partition)! - Math.max(Number(p.offset), 0)), 0);
  };

  const effectsOf = async (streamId: string) =>
    (
      await db.query<{ event_id: string; stream_version: number; by_amount: number; tx: string }>(
        `SELECT event_id, stream_version, by_amount, xmin::text AS tx FROM tally_consumer.tally_effects WHERE stream_id = $1 ORDER BY seq`,
        [streamId],
      )
    ).rows;

  const metric = async (pattern: RegExp) => {
    const text = await consumer.app.get(Registry).metrics();
    return Number(pattern.exec(text)?.[1] ?? 0);
  };
  const runs = (outcome: string) => metric(new RegExp(`consumer_runs_total\\{outcome="${outcome}"[^}]*\\} (\\d+)`));

  function append(store: EventStore, streamId: string, from: number, types: string[]) {
    return store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: from,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: types.map((type, i) => ({
        type,
        data:
          type === 'TallyCounted'
            ? { by: from + i + 1 }
            : type === 'TallyOpened'
              ? { tallyId: streamId, label: 'l' }
              : {},
      })),
    });
  }

  it('commits handled offsets apart from the fetch loop: a few commits for twenty fetches, and the last one without a next message', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const groupId = physicalTopic(ns, 'tally-consumer');
    const topic = physicalTopic(ns, TALLY_TOPIC);
    const committed = async () =>
      (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions
        .map((p) => `${p.partition}:${p.offset}`)
        .join(',');
    try {
      const streamId = `commits-${randomUUID()}`;
      const events = await append(producer.store, streamId, 0, Array(20).fill('TallyCounted'));
      const seen = new Set<string>([await committed()]);
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          seen.add(await committed());
          await new Promise((r) => setTimeout(r, 10));
        }
      })();
      // One message per produce request, 30 ms apart: each reaches the consumer as a fetch of its own.
      for (const event of events) {
        await publish([event]);
        await new Promise((r) => setTimeout(r, 30));
      }
      await eventually(
        () => effectsOf(streamId),
        (r) => r.length === 20,
        { what: 'twenty effects' },
      );
      // With nothing more to fetch, what was handled is still committed (within the commit interval).
      const end = await eventually(
        async () => ({ offsets: await committed(), lag: await consumerLag(admin, groupId, topic) }),
        (o) => o.lag === 0,
        { what: 'the group committed up to the end', timeoutMs: 5_000 },
      );
      sampling = false;
      await sampler;
      seen.add(end.offsets);
      // A commit per fetch (kafkajs's autoCommit) shows about twenty committed positions; every 500 ms, a few.
      expect(seen.size).toBeLessThanOrEqual(5);
    } finally {
      await admin.disconnect();
    }
  });

  it('handles twenty messages of one fetch in fewer transactions than messages, each effect once and in order', async () => {
    const streamId = `run-${randomUUID()}`;
    const committedBefore = await runs('committed');
    const events = await append(producer.store, streamId, 0, Array(20).fill('TallyCounted'));
    await publish(events);

    const rows = await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 20,
      { what: 'twenty effects' },
    );
    expect(rows.map((r) => r.stream_version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.tx)).size).toBeLessThan(20);
    expect(await runs('committed')).toBeGreaterThan(committedBefore);
    const inbox = await db.query(
      `SELECT count(*)::int AS n FROM tally_consumer.inbox WHERE event_id = ANY($1::uuid[])`,
      [events.map((e) => e.eventId)],
    );
    expect(inbox.rows[0].n).toBe(20);
  });

  it('has one effect for an envelope that comes twice within one run', async () => {
    const streamId = `run-dup-${randomUUID()}`;
    const ignoredBefore = await metric(/messages_redelivered_ignored_total\{consumer="tally-consumer"[^}]*\} (\d+)/);
    const events = await append(producer.store, streamId, 0, Array(6).fill('TallyCounted'));
    await publish([...events.slice(0, 3), events[2], ...events.slice(3)]);

    await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 6,
      { what: 'six effects' },
    );
    await eventually(
      () => metric(/messages_redelivered_ignored_total\{consumer="tally-consumer"[^}]*\} (\d+)/),
      (n) => n > ignoredBefore,
      { what: 'the second copy ignored' },
    );
    await new Promise((r) => setTimeout(r, 500)); // a doubled effect would have landed by now
    expect((await effectsOf(streamId)).map((r) => r.event_id)).toEqual(events.map((e) => e.eventId));
  });

  it('rolls a run back when one message fails, handles it one by one, dead-letters only the failing one and parks its stream behind it', async () => {
    const streamId = `run-fail-${randomUUID()}`;
    const rolledBackBefore = await runs('rolled_back');
    const failedBefore = await metric(/messages_dead_lettered_total\{[^}]*reason="handler_failed"[^}]*\} (\d+)/);
    const events = await append(producer.store, streamId, 0, [
      ...Array(5).fill('TallyCounted'),
      'TallyBroken',
      ...Array(5).fill('TallyCounted'),
    ]);
    await publish(events);

    const before = events.slice(0, 5).map((e) => e.eventId);
    await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 5,
      { what: 'the five good effects before it', timeoutMs: 30_000 },
    );
    await eventually(
      () => metric(/messages_dead_lettered_total\{[^}]*reason="handler_failed"[^}]*\} (\d+)/),
      (n) => n === failedBefore + 1,
      { what: 'the broken one dead-lettered', timeoutMs: 30_000 },
    );
    expect(await runs('rolled_back')).toBeGreaterThan(rolledBackBefore);
    expect((await effectsOf(streamId)).map((r) => r.event_id)).toEqual(before);
    // The stream's later events wait for the dead-lettered one (a replay after a fix applies it, then them, in order).
    const parked = await eventually(
      async () =>
        (
          await db.query(
            `SELECT stream_version, reason, awaits FROM tally_consumer.parked_messages WHERE stream_id = $1 ORDER BY stream_version`,
            [streamId],
          )
        ).rows,
      (rows) => rows.length === 5,
      { what: 'the five after it parked', timeoutMs: 30_000 },
    );
    expect(parked).toEqual(
      [7, 8, 9, 10, 11].map((v) => ({ stream_version: v, reason: 'awaiting_predecessor', awaits: `${streamId}@6` })),
    );
    expect(await effectsOf(streamId)).toHaveLength(5);
  });

  it('gives a handler marked ownTransaction a transaction of its own, between runs', async () => {
    const streamId = `run-own-${randomUUID()}`;
    const events = await append(producer.store, streamId, 0, [
      'TallyCounted',
      'TallyCounted',
      'TallyCounted',
      'TallyOpened',
      'TallyCounted',
      'TallyCounted',
    ]);
    await publish(events);

    const rows = await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 6,
      { what: 'six effects' },
    );
    expect(rows.map((r) => r.stream_version)).toEqual([1, 2, 3, 4, 5, 6]);
    const opened = rows.find((r) => r.by_amount === 0)!;
    expect(opened.stream_version).toBe(4);
    expect(rows.filter((r) => r !== opened).map((r) => r.tx)).not.toContain(opened.tx);
  });

  it('applies a dead-lettered event replayed after the fix, then the events parked behind it, in version order', async () => {
    const streamId = `replay-${randomUUID()}`;
    flakyStreams.add(streamId); // the bug
    const events = await append(producer.store, streamId, 0, [
      'TallyCounted',
      'TallyFlaky',
      'TallyCounted',
      'TallyCounted',
    ]);
    await publish(events);
    const parked = () =>
      db
        .query(
          `SELECT stream_version FROM tally_consumer.parked_messages WHERE stream_id = $1 ORDER BY stream_version`,
          [streamId],
        )
        .then((r) => r.rows.map((x) => x.stream_version));
    await eventually(parked, (v) => v.length === 2, {
      what: 'versions 3 and 4 parked behind the dead-lettered 2',
      timeoutMs: 30_000,
    });
    expect(await parked()).toEqual([3, 4]);
    expect((await effectsOf(streamId)).map((r) => r.stream_version)).toEqual([1]);

    flakyStreams.delete(streamId); // the fix is deployed; the operator replays the dead letters
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'scripts/dlq-replay.ts',
        '--topic',
        TALLY_TOPIC,
        '--namespace',
        ns,
        '--idle-timeout',
        '5',
      ],
      {
        env: { ...process.env, KAFKA_BROKERS: testEnv('kafkaBrokers') },
        timeout: 60_000,
      },
    );
    expect(stdout).toMatch(/replayed [1-9]\d* of/);
    const applied = await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 4,
      { what: 'all four effects after the replay', timeoutMs: 30_000 },
    );
    expect(applied.map((r) => r.stream_version)).toEqual([1, 2, 3, 4]);
    expect(await parked()).toEqual([]);
  });
});
