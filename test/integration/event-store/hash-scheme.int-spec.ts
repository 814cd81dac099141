import { randomUUID } from 'node:crypto';
import { eventHash, GENESIS_HASH, StreamVerifier } from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';

// Hash scheme 2 covers the event id, the stream type and recorded_at besides what scheme 1 covers. Rows written under
// scheme 1 keep verifying as scheme 1 (and keep its gap); every row appended now is scheme 2.
describe('hash schemes 1 and 2', () => {
  let fx: EventStoreFixture;
  let verifier: StreamVerifier;
  const metadata = {
    actorId: 'insp-1',
    actorRole: 'inspector',
    correlationId: 'c-1',
    causationId: null,
    requestId: 'r-1',
  };

  beforeAll(async () => {
    fx = await createEventStoreFixture('hash_scheme');
    verifier = new StreamVerifier(fx.dataSource, fx.schema);
  });
  afterAll(() => fx?.close());

  const events = () => `"${fx.schema}".events`;

  /** Rows as the event store wrote them before schemes existed: a scheme-1 hash, recorded_at from the database default. */
  async function insertV1(streamId: string, count: number): Promise<void> {
    let previousHash = GENESIS_HASH;
    for (let v = 1; v <= count; v++) {
      const occurredAt = new Date(Date.UTC(2025, 0, 1, 0, 0, v));
      const payload = { by: v };
      const hash = eventHash(1, previousHash, {
        type: 'TallyCounted',
        streamId,
        streamVersion: v,
        schemaVersion: 1,
        payload,
        metadata,
        occurredAt,
      });
      await fx.dataSource.query(
        `INSERT INTO ${events()} (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload, metadata,
                                  occurred_at, previous_hash, hash)
         VALUES ($1, 'Tally', $2, $3, 'TallyCounted', 1, $4, $5, $6, $7, $8)`,
        [randomUUID(), streamId, v, JSON.stringify(payload), JSON.stringify(metadata), occurredAt, previousHash, hash],
      );
      previousHash = hash;
    }
  }

  /** A stream of `v1` scheme-1 rows followed by `v2` rows appended through the event store. */
  async function mixedStream(v1 = 2, v2 = 2): Promise<string> {
    const streamId = `tally-${randomUUID()}`;
    await insertV1(streamId, v1);
    await fx.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: v1,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: Array.from({ length: v2 }, (_, i) => ({ type: 'TallyCounted', data: { by: 100 + i } })),
    });
    return streamId;
  }

  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await fx.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE ${events()} DISABLE TRIGGER events_append_only`);
      await m.query(sql, params);
      await m.query(`ALTER TABLE ${events()} ENABLE TRIGGER events_append_only`);
    });
  }

  const rowAt = async (
    streamId: string,
    version: number,
  ): Promise<{ event_id: string; stream_type: string; hash_scheme: number; recorded_at: Date }> =>
    (
      await fx.dataSource.query(
        `SELECT event_id, stream_type, hash_scheme, recorded_at FROM ${events()} WHERE stream_id = $1 AND stream_version = $2`,
        [streamId, version],
      )
    )[0];

  it('keeps rows that existed before the migration at scheme 1, and they keep verifying', async () => {
    const streamId = `tally-${randomUUID()}`;
    // Back to before EventHashScheme: undo the migrations after it (the Merkle log's tables), then it.
    for (let undone = ''; undone !== 'EventHashScheme1764800000000';) {
      const [last] = await fx.dataSource.query(`SELECT name FROM "${fx.schema}".migrations ORDER BY id DESC LIMIT 1`);
      undone = last.name;
      await fx.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const columns = await fx.dataSource.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'events' AND column_name = 'hash_scheme'`,
      [fx.schema],
    );
    expect(columns).toEqual([]);
    await insertV1(streamId, 3);
    await fx.dataSource.runMigrations({ transaction: 'each' });
    const stored = await fx.dataSource.query(
      `SELECT hash_scheme FROM ${events()} WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    expect(stored).toEqual([{ hash_scheme: 1 }, { hash_scheme: 1 }, { hash_scheme: 1 }]);
    expect(await verifier.verifyStream(streamId)).toMatchObject({ ok: true, eventsChecked: 3 });
  });

  it('still refuses UPDATE and DELETE after the migration', async () => {
    const streamId = await mixedStream(1, 1);
    await expect(
      fx.dataSource.query(`UPDATE ${events()} SET hash_scheme = 1 WHERE stream_id = $1`, [streamId]),
    ).rejects.toThrow(/append-only/);
    await expect(fx.dataSource.query(`DELETE FROM ${events()} WHERE stream_id = $1`, [streamId])).rejects.toThrow(
      /append-only/,
    );
  });

  it('appends with scheme 2 and a recorded_at the application chose, hashed as stored', async () => {
    const streamId = `tally-${randomUUID()}`;
    const before = Date.now();
    const recorded = await fx.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: [
        { type: 'TallyCounted', data: { by: 1 } },
        { type: 'TallyCounted', data: { by: 2 } },
      ],
    });
    const after = Date.now();
    expect(recorded.map((e) => e.hashScheme)).toEqual([2, 2]);
    // One moment per append, within the call, in whole milliseconds (a database clock_timestamp() would have microseconds).
    expect(recorded[0].recordedAt.getTime()).toBe(recorded[1].recordedAt.getTime());
    expect(recorded[0].recordedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(recorded[0].recordedAt.getTime()).toBeLessThanOrEqual(after);
    const [{ micros }] = await fx.dataSource.query(
      `SELECT extract(microseconds FROM recorded_at)::int % 1000 AS micros FROM ${events()} WHERE event_id = $1`,
      [recorded[0].eventId],
    );
    expect(micros).toBe(0);
    const e = recorded[1];
    expect(e.hash).toBe(
      eventHash(2, e.previousHash, {
        eventId: e.eventId,
        streamType: 'Tally',
        type: e.type,
        streamId,
        streamVersion: 2,
        schemaVersion: e.schemaVersion,
        payload: e.data,
        metadata: e.metadata,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
      }),
    );
  });

  it('verifies a stream of scheme-1 rows followed by scheme-2 rows as intact', async () => {
    const streamId = await mixedStream(3, 2);
    const schemes = await fx.dataSource.query(
      `SELECT hash_scheme FROM ${events()} WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    expect(schemes.map((r: { hash_scheme: number }) => r.hash_scheme)).toEqual([1, 1, 1, 2, 2]);
    expect(await verifier.verifyStream(streamId)).toMatchObject({ ok: true, eventsChecked: 5, problems: [] });
    expect(await verifier.verifyAll()).toMatchObject({ ok: true, problems: [] });
  });

  const changes: Array<[string, string]> = [
    ['recorded_at moved by a day', `recorded_at = recorded_at - interval '1 day'`],
    ['event_id changed', `event_id = gen_random_uuid()`],
    ['stream_type changed', `stream_type = 'Budget'`],
  ];

  it.each(changes)('names a scheme-2 event whose %s altered', async (_change, set) => {
    const streamId = await mixedStream(2, 2);
    const target = await rowAt(streamId, 3);
    expect(target.hash_scheme).toBe(2);
    await tamper(`UPDATE ${events()} SET ${set} WHERE event_id = $1`, [target.event_id]);
    const changed = await rowAt(streamId, 3);
    const report = await verifier.verifyStream(streamId);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'altered', streamId, streamVersion: 3, eventId: changed.event_id }),
    ]);
  });

  // Scheme 1's known gap, documented: these fields are not in its hash, so the same edits to a scheme-1 row go unseen.
  it.each(changes)('does NOT notice a scheme-1 event whose %s (scheme 1 does not cover it)', async (_change, set) => {
    const streamId = await mixedStream(2, 2);
    const target = await rowAt(streamId, 2);
    expect(target.hash_scheme).toBe(1);
    await tamper(`UPDATE ${events()} SET ${set} WHERE event_id = $1`, [target.event_id]);
    expect(await rowAt(streamId, 2)).not.toEqual(target);
    expect(await verifier.verifyStream(streamId)).toMatchObject({ ok: true, problems: [] });
  });

  it('names a scheme-2 event whose hash_scheme alone was set to 1', async () => {
    const streamId = await mixedStream(1, 2);
    const target = await rowAt(streamId, 2);
    await tamper(`UPDATE ${events()} SET hash_scheme = 1 WHERE event_id = $1`, [target.event_id]);
    expect((await verifier.verifyStream(streamId)).problems).toEqual([
      expect.objectContaining({ kind: 'altered', streamVersion: 2, eventId: target.event_id }),
    ]);
  });
});
