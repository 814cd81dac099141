import { randomUUID } from 'node:crypto';
import { createOutboxRelay, publishBatch } from '@app/messaging';
import { eventually, testSigner } from '@app/testing';
import { inProcessTally } from '../../support/in-process-tally';
import { tallyCommand } from '../../support/tally.decider';
import { tallyPublished } from '../../support/tally.contracts';
import { startTallyRelay, TALLY_TOPIC } from '../../support/tally-services';

// The embedded default's transport: the same outbox relay, dispatcher and inbox, delivery inside the process.
describe('outbox to the in-process bus to inbox', () => {
  const { broker, bus, producer, db } = inProcessTally('in_process');

  const effects = async (like: string) =>
    (
      await db.query(
        `SELECT event_id, stream_id, stream_version FROM tally_consumer.tally_effects WHERE stream_id LIKE $1 ORDER BY seq`,
        [like],
      )
    ).rows;

  it('delivers each event once, in stream order, and survives a relay restart without loss', async () => {
    const streams = Array.from({ length: 20 }, () => `inproc-${randomUUID()}`);
    const metadata = tallyCommand('CountTally', { by: 1 }).metadata;
    for (const s of streams) {
      await producer.store.appendToStream({
        streamType: 'Tally',
        streamId: s,
        expectedVersion: 0,
        metadata,
        events: Array.from({ length: 10 }, (_, i) => ({ type: 'TallyCounted', data: { by: i + 1 } })),
      });
    }
    const first = startTallyRelay(producer.store, bus, { batchSize: 25, idleMs: 10 });
    await eventually(
      () => effects('inproc-%'),
      (rows) => rows.length >= 50,
      { what: 'some effects' },
    );
    await first.stop(); // the process stops mid-stream
    const second = startTallyRelay(producer.store, bus, { batchSize: 25, idleMs: 10 });
    await eventually(
      () => effects('inproc-%'),
      (rows) => rows.length === 200,
      { what: 'all 200 effects' },
    );
    await second.stop();
    const rows = await effects('inproc-%');
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(200);
    for (const s of streams) {
      expect(rows.filter((r) => r.stream_id === s).map((r) => r.stream_version)).toEqual(
        Array.from({ length: 10 }, (_, i) => i + 1),
      );
    }
  });

  it('ignores a redelivered envelope and keeps dead letters in the consumer schema', async () => {
    const streamId = `inproc-dup-${randomUUID()}`;
    const metadata = tallyCommand('CountTally', { by: 1 }).metadata;
    const [counted] = await producer.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      metadata,
      events: [{ type: 'TallyCounted', data: { by: 1 } }],
    });
    const relayOnce = createOutboxRelay({
      store: producer.store,
      bus,
      topic: TALLY_TOPIC,
      published: tallyPublished,
      idleMs: 10,
    });
    relayOnce.start();
    await eventually(
      () => effects(streamId),
      (rows) => rows.length === 1,
      { what: 'one effect' },
    );
    await relayOnce.stop();
    // The same envelope again, as after a crash before the checkpoint.
    await publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished })([counted]);
    expect(await effects(streamId)).toHaveLength(1);

    // Signed by the topic's owner but not JSON; and the same unsigned: each refused with its reason.
    await broker.publish(TALLY_TOPIC, streamId, '{broken', {
      'event-type': 'TallyCounted',
      ...testSigner('tally').headers(TALLY_TOPIC, streamId, '{broken'),
    });
    await broker.publish(TALLY_TOPIC, streamId, '{broken', { 'event-type': 'TallyCounted' });
    const dead = await db.query(
      `SELECT consumer, topic, error, headers->>'dlq-reason' AS reason FROM tally_consumer.dead_letters WHERE message_key = $1 ORDER BY id`,
      [streamId],
    );
    expect(dead.rows).toEqual([
      { consumer: 'tally-consumer', topic: TALLY_TOPIC, error: 'value is not JSON', reason: 'invalid' },
      {
        consumer: 'tally-consumer',
        topic: TALLY_TOPIC,
        error: 'unsigned: no signer or signature header',
        reason: 'bad_signature',
      },
    ]);
    expect(await effects(streamId)).toHaveLength(1);
  });
});
