import { randomUUID } from 'node:crypto';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { TOPIC_PARTITIONS } from '@app/contracts';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { ensureTopics, KafkaMessageBus, physicalTopic, publishBatch } from '@app/messaging';
import type { RunningService } from '@app/platform';
import { createEventStoreFixture, eventually, uniqueNamespace, type EventStoreFixture } from '@app/testing';
import pg from 'pg';
import { tallyCommand } from '../../support/tally.decider';
import { tallyPublished } from '../../support/tally.contracts';
import { startTallyConsumer, TALLY_TOPIC, tallyProducerBus } from '../../support/tally-services';
import { testKafka } from '../../support/kafka-under-test';

// The batches of one fetch, one per partition, are handled together (KafkaConsumerServer.onBatches): a small fetch
// shares its transactions across partitions, a large one gets a lane per partition. Each test publishes while the
// consumer is stopped, so that its first fetch after joining holds every partition's messages. A row's xmin is the
// transaction that wrote it.
describe('consumer runs over the partitions of one fetch', () => {
  const ns = uniqueNamespace('lanes');
  const kafka = testKafka('lanes-test');
  const topic = physicalTopic(ns, TALLY_TOPIC);
  let producer: EventStoreFixture;
  let bus: KafkaMessageBus;
  let consumer: RunningService | undefined;
  let db: pg.Client;
  let publish: (events: RecordedEvent[]) => Promise<number>;

  beforeAll(async () => {
    producer = await createEventStoreFixture('lanes_producer');
    await ensureTopics(kafka, [topic]);
    bus = tallyProducerBus(ns, 'lanes-test');
    publish = publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished });
    db = new pg.Client({ connectionString: producer.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await db?.end();
    await producer?.close();
  });

  /** The partition the bus sends a stream's messages to (the key is the stream id; kafkajs's default partitioner). */
  const partitionOf = (streamId: string) => {
    const partitionMetadata = Array.from({ length: TOPIC_PARTITIONS }, (_, partitionId) => ({
      partitionId,
      leader: 1,
    })) as PartitionMetadata[];
    return Partitioners.DefaultPartitioner()({ topic, partitionMetadata, message: { key: streamId, value: null } });
  };

  /** A stream on each partition of the topic. */
  const onePerPartition = (label: string) => {
    const streams = new Map<number, string>();
    while (streams.size < TOPIC_PARTITIONS) {
      const id = `${label}-${randomUUID()}`;
      if (!streams.has(partitionOf(id))) streams.set(partitionOf(id), id);
    }
    return [...streams.entries()].map(([partition, streamId]) => ({ partition, streamId }));
  };

  const append = (store: EventStore, streamId: string, count: number) =>
    store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: Array.from({ length: count }, (_, i) => ({ type: 'TallyCounted', data: { by: i + 1 } })),
    });

  const effectsOf = async (streamIds: string[]) =>
    (
      await db.query<{ stream_id: string; stream_version: number; tx: string }>(
        `SELECT stream_id, stream_version, xmin::text AS tx FROM tally_consumer.tally_effects
          WHERE stream_id = ANY($1::text[]) ORDER BY seq`,
        [streamIds],
      )
    ).rows;

  /** Publishes `perStream` events on a stream of each partition with no consumer running, then starts one. */
  async function fetchOnce(label: string, perStream: number) {
    const streams = onePerPartition(label);
    const events = (await Promise.all(streams.map((s) => append(producer.store, s.streamId, perStream)))).flat();
    await consumer?.stop();
    consumer = undefined;
    await publish(events);
    consumer = await startTallyConsumer(producer.db.url, { kafkaNamespace: ns });
    const ids = streams.map((s) => s.streamId);
    const rows = await eventually(
      () => effectsOf(ids),
      (r) => r.length === events.length,
      { what: `${events.length} effects`, timeoutMs: 30_000 },
    );
    return { streams, rows };
  }

  it('commits a small fetch over three partitions in one transaction, each stream in order', async () => {
    const { streams, rows } = await fetchOnce('small', 3);

    for (const { streamId } of streams) {
      expect(rows.filter((r) => r.stream_id === streamId).map((r) => r.stream_version)).toEqual([1, 2, 3]);
    }
    // Nine messages of three partitions: one transaction (a run per partition made three).
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
  });

  it('gives each partition of a large fetch a lane of its own: no transaction mixes partitions', async () => {
    const { streams, rows } = await fetchOnce('large', 8);

    const partitionOfStream = new Map(streams.map((s) => [s.streamId, s.partition]));
    const partitionsOfTx = new Map<string, Set<number>>();
    for (const row of rows) {
      const seen = partitionsOfTx.get(row.tx) ?? new Set<number>();
      seen.add(partitionOfStream.get(row.stream_id)!);
      partitionsOfTx.set(row.tx, seen);
    }
    // Twenty-four messages, more than a shared run takes: each partition's eight in a transaction of its own.
    expect([...partitionsOfTx.values()].map((p) => p.size)).toEqual([1, 1, 1]);
    for (const { streamId } of streams) {
      expect(rows.filter((r) => r.stream_id === streamId).map((r) => r.stream_version)).toEqual(
        Array.from({ length: 8 }, (_, i) => i + 1),
      );
    }
  });
});
