import { randomBytes, randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { Registry } from 'prom-client';
import {
  DEAD_LETTER_HEADERS,
  deadLetterTopic,
  MESSAGE_HEADERS,
  TOPICS,
  type IntegrationEnvelope,
} from '@app/contracts';
import type { RecordedEvent } from '@app/event-store';
import {
  EnvelopeSigner,
  ensureTopics,
  envelopeMessage,
  generateEnvelopeKeyPair,
  KafkaMessageBus,
  physicalTopic,
  publishBatch,
  toIntegrationEnvelope,
} from '@app/messaging';
import type { RunningService } from '@app/platform';
import {
  createEventStoreFixture,
  eventually,
  kcatProduce,
  testEnv,
  testSigner,
  uniqueNamespace,
  type EventStoreFixture,
  type KcatMessage,
} from '@app/testing';
import pg from 'pg';
import { tallyPublished } from '../../support/tally.contracts';
import { startTallyConsumer, TALLY_TOPIC, tallyProducerBus } from '../../support/tally-services';
import { appendTallyCounts } from '../../support/tally-handling';
import { testKafka } from '../../support/kafka-under-test';
import { metricSum } from '../../support/metric-samples';

// What a consumer makes of messages written by someone else (kcat: librdkafka, none of our code): forged, misplaced,
// forking or out of order. Each forgery carries a genuine, not yet applied event, so that a check that let it through
// would show as an effect. The genuine flow (our own relay's publishBatch) must go on after each.
describe('forged and out-of-order messages from a foreign producer', () => {
  const ns = uniqueNamespace('forged');
  const brokers = testEnv('kafkaBrokers');
  const kafka = testKafka('forged-test');
  const tallyTopic = physicalTopic(ns, TALLY_TOPIC);
  const pingsTopic = physicalTopic(ns, TOPICS.pings);
  const groupId = physicalTopic(ns, 'tally-consumer');
  const counted = tallyPublished.find((p) => p.eventType === 'TallyCounted')!;

  let producer: EventStoreFixture;
  let bus: KafkaMessageBus;
  let consumer: RunningService;
  let db: pg.Client;
  let dlqReader: Consumer;
  let publish: (events: RecordedEvent[]) => Promise<number>;

  interface DeadLetter {
    topic: string;
    key: string;
    value: string;
    headers: Record<string, string>;
  }
  const dead: DeadLetter[] = [];

  /** Everything produced to the consumer's topics, to work out what a replay from offset 0 must do. */
  type Kind = 'genuine' | 'bad_signature' | 'chain';
  const produced: Array<{
    topic: string;
    streamId: string;
    version: number;
    hash: string;
    eventId: string;
    kind: Kind;
  }> = [];

  beforeAll(async () => {
    // Loud where the foreign producer is missing (kcatProduce looks kcat up first and throws "kcat not found"): never skipped.
    await kcatProduce(brokers, tallyTopic, []);
    producer = await createEventStoreFixture('forged_producer');
    await ensureTopics(kafka, [tallyTopic, pingsTopic]);
    bus = tallyProducerBus(ns, 'forged-test');
    publish = publishBatch({ bus, topic: TALLY_TOPIC, published: tallyPublished });
    consumer = await startTallyConsumer(producer.db.url, { kafkaNamespace: ns });
    db = new pg.Client({ connectionString: producer.db.url });
    await db.connect();
    // A plain kafkajs consumer of the dead letters, reading from the start for the whole suite.
    dlqReader = kafka.consumer({ groupId: `${ns}.dlq-reader-${randomUUID()}` });
    await dlqReader.connect();
    await dlqReader.subscribe({
      topics: [deadLetterTopic(tallyTopic), deadLetterTopic(pingsTopic)],
      fromBeginning: true,
    });
    await dlqReader.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
        );
        dead.push({ topic, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', headers });
      },
    });
  });

  afterAll(async () => {
    await dlqReader?.disconnect();
    await consumer?.stop();
    await bus?.close();
    await db?.end();
    await producer?.close();
  });

  // ---- helpers ---------------------------------------------------------------------------------------------------

  const effectsOf = async (streamId: string) =>
    (
      await db.query<{ event_id: string; stream_version: number }>(
        `SELECT event_id, stream_version FROM tally_consumer.tally_effects WHERE stream_id = $1 ORDER BY seq`,
        [streamId],
      )
    ).rows;

  const parkedOf = async (streamId: string) =>
    (
      await db.query<{ stream_version: number; reason: string; awaits: string }>(
        `SELECT stream_version, reason, awaits FROM tally_consumer.parked_messages WHERE stream_id = $1 ORDER BY stream_version`,
        [streamId],
      )
    ).rows;

  /** Sum of a metric's samples on the consumer whose labels include `labels`. */
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    metricSum(await consumer.app.get(Registry).metrics(), name, labels);

  const appendCounts = (streamId: string, n: number, from = 0) => appendTallyCounts(producer.store, streamId, n, from);

  const link = (e: RecordedEvent) => ({ version: e.streamVersion, hash: e.hash, eventId: e.eventId });
  const envelopeOf = (event: RecordedEvent): IntegrationEnvelope => toIntegrationEnvelope(event, counted);
  /** Genuine events of the stream noted as produced on the tally topic, in the order they went out. */
  const noteGenuine = (streamId: string, events: RecordedEvent[]) => {
    for (const e of events) produced.push({ topic: tallyTopic, streamId, ...link(e), kind: 'genuine' });
  };

  /** A genuine event through our own publishing path, waited for until its effect is there. */
  async function publishGenuine(streamId: string, events: RecordedEvent[], expectedVersions: number[]): Promise<void> {
    await publish(events);
    noteGenuine(streamId, events);
    await eventually(
      () => effectsOf(streamId),
      (rows) => rows.length >= expectedVersions.length,
      { what: `genuine effects of ${streamId}`, timeoutMs: 30_000 },
    );
    expect((await effectsOf(streamId)).map((r) => r.stream_version)).toEqual(expectedVersions);
  }

  /** A record as the relay would write it (same value bytes, same headers), signed by whoever `sign` says, or unsigned. */
  function forged(
    envelope: IntegrationEnvelope,
    sign: ((key: string, value: string) => Record<string, string>) | null,
    headerOverrides: Record<string, string> = {},
  ): KcatMessage {
    const value = JSON.stringify(envelope);
    const headers = {
      ...envelopeMessage(TALLY_TOPIC, envelope).headers,
      ...(sign ? sign(envelope.streamId, value) : {}),
      ...headerOverrides,
    };
    return { key: envelope.streamId, value, headers };
  }

  interface Outcome {
    dead: DeadLetter[];
    effects: number;
    parked: number;
  }

  /**
   * Produces the forgeries with kcat and waits until they are in the dead letters (or, if a check let one through,
   * until an effect shows): then no effect, each in `<topic>.dlq` with its reason, and the metric counted.
   */
  async function expectRefused(
    streamId: string,
    topic: string,
    messages: KcatMessage[],
    reason: 'bad_signature' | 'chain_mismatch',
    kinds: { version: number; hash: string; eventId: string }[],
  ): Promise<Outcome> {
    const dlq = deadLetterTopic(topic);
    const deadFor = () => dead.filter((d) => d.topic === dlq && d.key === streamId);
    const deadBefore = deadFor().length;
    const effectsBefore = (await effectsOf(streamId)).map((r) => r.event_id);
    const metricBefore = await metric('messages_dead_lettered_total', { topic, reason });

    await kcatProduce(brokers, topic, messages);
    for (const k of kinds)
      produced.push({ topic, streamId, ...k, kind: reason === 'bad_signature' ? 'bad_signature' : 'chain' });

    await eventually(
      async () => ({ dead: deadFor().length, effects: (await effectsOf(streamId)).length }),
      (s) => s.dead >= deadBefore + messages.length || s.effects > effectsBefore.length,
      { what: `${messages.length} dead letter(s) ${reason} of ${streamId} on ${dlq}`, timeoutMs: 30_000 },
    );
    await new Promise((r) => setTimeout(r, 300)); // an effect let through would have landed by now
    const effects = (await effectsOf(streamId)).map((r) => r.event_id);
    expect(effects).toEqual(effectsBefore);
    const mine = deadFor().slice(deadBefore);
    expect(mine).toHaveLength(messages.length);
    for (const [i, d] of mine.entries()) {
      expect(d.headers[DEAD_LETTER_HEADERS.reason]).toBe(reason);
      expect(d.headers[DEAD_LETTER_HEADERS.originalTopic]).toBe(topic);
      expect(d.headers[DEAD_LETTER_HEADERS.consumer]).toBe('tally-consumer');
      expect(d.value).toBe(messages[i].value); // unchanged, so an operator can replay it
    }
    await eventually(
      () => metric('messages_dead_lettered_total', { topic, reason }),
      (n) => n >= metricBefore + messages.length,
      {
        what: `messages_dead_lettered_total{reason="${reason}"} counted`,
        timeoutMs: 10_000,
      },
    );
    expect(await metric('messages_dead_lettered_total', { topic, reason })).toBe(metricBefore + messages.length);
    return { dead: mine, effects: effects.length - effectsBefore.length, parked: (await parkedOf(streamId)).length };
  }

  async function duplicatedOf(streamId: string): Promise<number> {
    const rows = await db.query(
      `SELECT event_id FROM tally_consumer.tally_effects WHERE stream_id = $1 GROUP BY event_id HAVING count(*) > 1`,
      [streamId],
    );
    return rows.rowCount ?? 0;
  }

  function summary(
    n: number,
    name: string,
    expected: string,
    happened: string,
    figures: { duplicated: number; parked: number; dead: number },
  ): void {
    process.stdout.write(
      `[forged] case ${n} ${name}: expected ${expected} | happened ${happened} | duplicated ${figures.duplicated} | parked ${figures.parked} | dead ${figures.dead}\n`,
    );
  }

  const reasonsOf = (o: Outcome) =>
    o.dead
      .map(
        (d) =>
          `${d.headers[DEAD_LETTER_HEADERS.reason]} (${d.headers[DEAD_LETTER_HEADERS.error].replace(/^PoisonMessage: /, '').slice(0, 70)})`,
      )
      .join('; ');

  /** The close of a case whose forgeries all went to the dead letters: the genuine v2 still applies after them. */
  async function genuineV2After(
    streamId: string,
    v2: RecordedEvent,
    out: Outcome,
    n: number,
    name: string,
    expected: string,
  ): Promise<void> {
    await publishGenuine(streamId, [v2], [1, 2]);
    summary(n, name, expected, `${reasonsOf(out)}; forged effects ${out.effects}; genuine v2 applied after`, {
      duplicated: await duplicatedOf(streamId),
      parked: out.parked,
      dead: out.dead.length,
    });
  }

  // ---- cases -----------------------------------------------------------------------------------------------------

  it('1. refuses an unsigned genuine envelope as bad_signature, and the genuine one applies after it', async () => {
    const streamId = `unsigned-${randomUUID()}`;
    const [v1, v2] = await appendCounts(streamId, 2);
    await publishGenuine(streamId, [v1], [1]);

    const out = await expectRefused(streamId, tallyTopic, [forged(envelopeOf(v2), null)], 'bad_signature', [link(v2)]);
    expect(out.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(/unsigned/);

    await genuineV2After(streamId, v2, out, 1, 'unsigned', 'bad_signature x1, no effect');
  });

  it("2. refuses an envelope signed with another service's key, and one signed with an unknown key claiming 'tally'", async () => {
    const streamId = `other-key-${randomUUID()}`;
    const [v1, v2] = await appendCounts(streamId, 2);
    await publishGenuine(streamId, [v1], [1]);

    const impostor = new EnvelopeSigner('tally', generateEnvelopeKeyPair().signingKey);
    const out = await expectRefused(
      streamId,
      tallyTopic,
      [
        forged(envelopeOf(v2), (key, value) => testSigner('monitoring').headers(TALLY_TOPIC, key, value)),
        forged(envelopeOf(v2), (key, value) => impostor.headers(TALLY_TOPIC, key, value)),
      ],
      'bad_signature',
      [link(v2), link(v2)],
    );
    expect(out.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(/monitoring does not own topic tally\.events/);
    expect(out.dead[1].headers[DEAD_LETTER_HEADERS.error]).toMatch(/does not verify with tally's public key/);

    await genuineV2After(streamId, v2, out, 2, 'foreign/unknown key', 'bad_signature x2, no effect');
  });

  it('3. refuses a correctly signed message on the wrong topic: tally.events signature on platform.pings, and monitoring.events on tally.events', async () => {
    const streamId = `wrong-topic-${randomUUID()}`;
    const [v1] = await appendCounts(streamId, 1);
    /** v1 signed by `signer` for `signedFor`, sent to `topic`: refused as a bad signature, with no effect. */
    const refusedOn = (topic: string, signer: string, signedFor: string) =>
      expectRefused(
        streamId,
        topic,
        [forged(envelopeOf(v1), (key, value) => testSigner(signer).headers(signedFor, key, value))],
        'bad_signature',
        [link(v1)],
      );
    // The first event of the stream: on platform.pings its chain there is empty, so if let through it would apply at once.
    const onPings = await refusedOn(pingsTopic, 'tally', TALLY_TOPIC);
    expect(onPings.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(/does not verify/);
    const onTally = await refusedOn(tallyTopic, 'monitoring', 'monitoring.events');
    expect(onTally.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(/monitoring does not own topic tally\.events/);
    // Every service may sign for platform.pings: a fact sent there, correctly signed for that topic, is still refused.
    const factOnPings = await refusedOn(pingsTopic, 'monitoring', 'platform.pings');
    expect(factOnPings.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(
      /TallyCounted is not published on platform\.pings/,
    );

    await publishGenuine(streamId, [v1], [1]);
    summary(
      3,
      'wrong topic',
      'bad_signature x3 (two on platform.pings.dlq), no effect',
      `${reasonsOf(onPings)}; ${reasonsOf(onTally)}; ${reasonsOf(factOnPings)}; forged effects ${onPings.effects + onTally.effects + factOnPings.effects}; genuine v1 applied after`,
      {
        duplicated: await duplicatedOf(streamId),
        parked: onTally.parked,
        dead: onPings.dead.length + onTally.dead.length + factOnPings.dead.length,
      },
    );
  });

  it('4. refuses a forged event-type (and event-id) header that differs from the signed body', async () => {
    const streamId = `header-${randomUUID()}`;
    const [v1, v2] = await appendCounts(streamId, 2);
    await publishGenuine(streamId, [v1], [1]);

    const sign = (key: string, value: string) => testSigner('tally').headers(TALLY_TOPIC, key, value);
    const out = await expectRefused(
      streamId,
      tallyTopic,
      [
        forged(envelopeOf(v2), sign, { [MESSAGE_HEADERS.eventType]: 'TallyOpened' }),
        forged(envelopeOf(v2), sign, { [MESSAGE_HEADERS.eventId]: randomUUID() }),
      ],
      'bad_signature',
      [link(v2), link(v2)],
    );
    expect(out.dead[0].headers[DEAD_LETTER_HEADERS.error]).toMatch(/event-type header "TallyOpened" differs/);
    expect(out.dead[1].headers[DEAD_LETTER_HEADERS.error]).toMatch(/event-id header .* differs/);

    await genuineV2After(streamId, v2, out, 4, 'forged header', 'bad_signature x2, no effect');
  });

  it('5. dead-letters correctly signed envelopes that fork the chain as chain_mismatch, counts the alarm, and the real next one applies', async () => {
    const streamId = `fork-${randomUUID()}`;
    const [v1, v2, v3] = await appendCounts(streamId, 3);
    await publishGenuine(streamId, [v1, v2], [1, 2]);

    const made = () => randomBytes(32).toString('hex');
    // Version n+1 claiming a predecessor that is not the one applied; version n again with another hash.
    const nextForged = { ...envelopeOf(v3), eventId: randomUUID(), previousHash: made(), hash: made() };
    const sameForged = { ...envelopeOf(v2), eventId: randomUUID(), hash: made() };
    const sign = (key: string, value: string) => testSigner('tally').headers(TALLY_TOPIC, key, value);
    const alarmsBefore = await metric('envelope_chain_mismatches_total', { topic: tallyTopic });
    const out = await expectRefused(
      streamId,
      tallyTopic,
      [forged(nextForged, sign), forged(sameForged, sign)],
      'chain_mismatch',
      [
        { version: 3, hash: nextForged.hash, eventId: nextForged.eventId },
        { version: 2, hash: sameForged.hash, eventId: sameForged.eventId },
      ],
    );
    expect(out.dead.map((d) => d.headers[DEAD_LETTER_HEADERS.error])).toEqual([
      expect.stringMatching(
        new RegExp(`${streamId}@3 .*forks the chain .*last applied version 2, hash ${v2.hash.slice(0, 12)}`),
      ),
      expect.stringMatching(
        new RegExp(`${streamId}@2 .*forks the chain .*last applied version 2, hash ${v2.hash.slice(0, 12)}`),
      ),
    ]);
    expect(await metric('envelope_chain_mismatches_total', { topic: tallyTopic })).toBe(alarmsBefore + 2);
    const chain = await db.query(
      `SELECT last_version, last_hash FROM tally_consumer.upstream_streams WHERE topic = $1 AND stream_id = $2`,
      [TALLY_TOPIC, streamId],
    );
    expect(chain.rows).toEqual([{ last_version: 2, last_hash: v2.hash }]);

    await publishGenuine(streamId, [v3], [1, 2, 3]);
    summary(
      5,
      'chain fork',
      'chain_mismatch x2, alarm +2, no effect',
      `${out.dead.map((d) => d.headers[DEAD_LETTER_HEADERS.reason]).join(', ')}; alarm +${(await metric('envelope_chain_mismatches_total', { topic: tallyTopic })) - alarmsBefore}; forged effects ${out.effects}; real v3 applied after`,
      { duplicated: await duplicatedOf(streamId), parked: out.parked, dead: out.dead.length },
    );
  });

  it('6. parks version 3 that comes before version 2 and applies 1, 2, 3 in order once 2 arrives', async () => {
    const streamId = `order-${randomUUID()}`;
    const [v1, v2, v3] = await appendCounts(streamId, 3);
    const sign = (key: string, value: string) => testSigner('tally').headers(TALLY_TOPIC, key, value);
    const deadBefore = dead.filter((d) => d.key === streamId).length;
    const parkedTotalBefore = await metric('messages_parked_total', { reason: 'awaiting_predecessor' });

    await kcatProduce(brokers, tallyTopic, [forged(envelopeOf(v1), sign)]);
    await eventually(
      () => effectsOf(streamId),
      (r) => r.length === 1,
      { what: 'v1 applied', timeoutMs: 30_000 },
    );
    await kcatProduce(brokers, tallyTopic, [forged(envelopeOf(v3), sign)]);
    const parked = await eventually(
      () => parkedOf(streamId),
      (rows) => rows.length > 0,
      { what: 'v3 parked', timeoutMs: 30_000 },
    );
    expect(parked).toEqual([{ stream_version: 3, reason: 'awaiting_predecessor', awaits: `${streamId}@2` }]);
    expect((await effectsOf(streamId)).map((r) => r.stream_version)).toEqual([1]);
    await kcatProduce(brokers, tallyTopic, [forged(envelopeOf(v2), sign)]);
    noteGenuine(streamId, [v1, v3, v2]);

    const rows = await eventually(
      () => effectsOf(streamId),
      (r) => r.length >= 3,
      { what: 'three effects', timeoutMs: 30_000 },
    );
    expect(rows).toEqual([v1, v2, v3].map((e) => ({ event_id: e.eventId, stream_version: e.streamVersion })));
    await eventually(
      () => parkedOf(streamId),
      (r) => r.length === 0,
      { what: 'the parked row gone', timeoutMs: 30_000 },
    );
    expect(await metric('messages_parked_total', { reason: 'awaiting_predecessor' })).toBe(parkedTotalBefore + 1);
    const deadNow = dead.filter((d) => d.key === streamId).length - deadBefore;
    expect(deadNow).toBe(0);

    // The genuine flow goes on after the reordering.
    const [v4] = await appendCounts(streamId, 1, 3);
    await publishGenuine(streamId, [v4], [1, 2, 3, 4]);
    summary(
      6,
      'out of order',
      'v1, v3 parked (awaiting_predecessor), v2, then 1,2,3 applied by seq',
      `parked ${JSON.stringify(parked)}; applied ${rows.map((r) => r.stream_version).join(',')}; parked row gone; v4 applied after`,
      { duplicated: await duplicatedOf(streamId), parked: parked.length, dead: deadNow },
    );
  });

  it('7. has no second effect when the consumer group is replayed from offset 0, and refuses the forgeries again', async () => {
    expect(produced.length).toBeGreaterThan(10); // the cases above ran
    const effectsBefore = (await db.query(`SELECT count(*)::int AS n FROM tally_consumer.tally_effects`)).rows[0]
      .n as number;
    const deadBefore = dead.length;
    const offsetsDeadBefore = new Set(
      dead.map(
        (d) =>
          `${d.headers[DEAD_LETTER_HEADERS.originalTopic]}/${d.headers[DEAD_LETTER_HEADERS.originalPartition]}@${d.headers[DEAD_LETTER_HEADERS.originalOffset]}`,
      ),
    );

    // What the replay must do, from the chain each stream ended with (its last genuine version).
    const last = new Map<string, { version: number; hash: string }>();
    for (const p of produced) {
      if (p.kind !== 'genuine') continue;
      if ((last.get(p.streamId)?.version ?? 0) < p.version) last.set(p.streamId, { version: p.version, hash: p.hash });
    }
    let expectStale = 0;
    let expectForks = 0;
    let expectBadSignature = 0;
    for (const p of produced) {
      if (p.kind === 'bad_signature') {
        expectBadSignature++;
        continue;
      }
      const state = p.topic === tallyTopic ? last.get(p.streamId) : undefined;
      const lastVersion = state?.version ?? 0;
      if (p.version < lastVersion || (p.version === lastVersion && p.hash === state!.hash)) expectStale++;
      else expectForks++;
    }

    await consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId, topic: tallyTopic, earliest: true });
      await admin.resetOffsets({ groupId, topic: pingsTopic, earliest: true });
    } finally {
      await admin.disconnect();
    }
    consumer = await startTallyConsumer(producer.db.url, { kafkaNamespace: ns });

    const settled = await eventually(
      async () => ({
        stale: await metric('messages_stale_ignored_total'),
        lag: await metric('consumer_lag_messages'),
        dead: dead.length - deadBefore,
        effects: (await db.query(`SELECT count(*)::int AS n FROM tally_consumer.tally_effects`)).rows[0].n as number,
      }),
      // Done when the lag is gone and every message is accounted for, or (a failure, asserted below) an effect doubled.
      (s) =>
        s.lag === 0 &&
        ((s.stale >= expectStale && s.dead >= expectBadSignature + expectForks) || s.effects > effectsBefore),
      {
        what: `replay: ${expectStale} stale ignored, ${expectBadSignature + expectForks} refused again, lag 0`,
        timeoutMs: 60_000,
      },
    );
    await new Promise((r) => setTimeout(r, 1000)); // a second effect or dead letter would have landed by now

    const doubled = (
      await db.query(
        `SELECT event_id, count(*)::int AS n FROM tally_consumer.tally_effects GROUP BY event_id HAVING count(*) <> 1`,
      )
    ).rows;
    expect(doubled).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM tally_consumer.tally_effects`)).rows[0].n).toBe(
      effectsBefore,
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM tally_consumer.parked_messages`)).rows[0].n).toBe(0);
    expect(await metric('messages_stale_ignored_total')).toBe(expectStale);

    const again = dead.slice(deadBefore);
    const byReason = (reason: string) => again.filter((d) => d.headers[DEAD_LETTER_HEADERS.reason] === reason).length;
    expect(again).toHaveLength(expectBadSignature + expectForks);
    expect(byReason('bad_signature')).toBe(expectBadSignature);
    expect(byReason('chain_mismatch')).toBe(expectForks);
    // Nothing genuine is dead-lettered by the replay: each is a message refused the first time round.
    for (const d of again) {
      expect(offsetsDeadBefore).toContain(
        `${d.headers[DEAD_LETTER_HEADERS.originalTopic]}/${d.headers[DEAD_LETTER_HEADERS.originalPartition]}@${d.headers[DEAD_LETTER_HEADERS.originalOffset]}`,
      );
    }
    expect(await metric('messages_dead_lettered_total', { reason: 'bad_signature' })).toBe(expectBadSignature);

    const genuine = produced.filter((p) => p.kind === 'genuine').length;
    summary(
      7,
      'replay from offset 0',
      `${produced.length} messages: ${expectStale} stale ignored (${genuine} genuine), ${expectBadSignature} bad_signature + ${expectForks} chain_mismatch refused again, no new effect`,
      `stale ignored ${settled.stale}, lag ${settled.lag}, effects ${effectsBefore} before and after, refused again ${byReason('bad_signature')} bad_signature + ${byReason('chain_mismatch')} chain_mismatch`,
      { duplicated: doubled.length, parked: 0, dead: again.length },
    );
  });
});
