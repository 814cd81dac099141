import { randomUUID } from 'node:crypto';
import { CommandHandler, StreamVerifier } from '@app/event-store';
import { createEventStoreFixture, type EventStoreFixture } from '@app/testing';
import { tallyCommand } from '../../support/tally.decider';
import { handleTally } from '../../support/tally-handling';

// An attacker with the table owner's rights disables the append-only trigger and edits rows with SQL;
// the hash chains name the first event that no longer fits.
describe('tamper evidence', () => {
  let fx: EventStoreFixture;
  let handler: CommandHandler;
  let verifier: StreamVerifier;

  beforeAll(async () => {
    fx = await createEventStoreFixture('tamper');
    handler = new CommandHandler(fx.store);
    verifier = new StreamVerifier(fx.dataSource, fx.schema);
  });
  afterAll(() => fx?.close());

  async function tallyWithCounts(n: number): Promise<string> {
    const id = `tally-${randomUUID()}`;
    await handleTally(handler, id, tallyCommand('OpenTally', { tallyId: id, label: 't' }));
    for (let i = 1; i <= n; i++) {
      await handleTally(handler, id, tallyCommand('CountTally', { by: i }));
    }
    return id;
  }

  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await fx.dataSource.transaction(async (m) => {
      await m.query(`ALTER TABLE "${fx.schema}".events DISABLE TRIGGER events_append_only`);
      await m.query(sql, params);
      await m.query(`ALTER TABLE "${fx.schema}".events ENABLE TRIGGER events_append_only`);
    });
  }

  const eventIdAt = async (streamId: string, version: number): Promise<string> =>
    (
      await fx.dataSource.query(
        `SELECT event_id FROM "${fx.schema}".events WHERE stream_id = $1 AND stream_version = $2`,
        [streamId, version],
      )
    )[0].event_id;

  it('finds an intact store intact', async () => {
    await tallyWithCounts(3);
    const report = await verifier.verifyAll();
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(4);
  });

  it('names an event whose payload was edited', async () => {
    const id = await tallyWithCounts(4);
    const target = await eventIdAt(id, 3);
    await tamper(`UPDATE "${fx.schema}".events SET payload = '{"by": 1000}' WHERE event_id = $1`, [target]);
    const report = await verifier.verifyStream(id);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'altered', streamId: id, streamVersion: 3, eventId: target }),
    ]);
  });

  it('names where an event was deleted', async () => {
    const id = await tallyWithCounts(4);
    const after = await eventIdAt(id, 3);
    await tamper(`DELETE FROM "${fx.schema}".events WHERE stream_id = $1 AND stream_version = 2`, [id]);
    const report = await verifier.verifyStream(id);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'missing_version', streamVersion: 3, eventId: after }),
    ]);
  });

  it('names a deletion hidden by renumbering the versions after it', async () => {
    const id = await tallyWithCounts(4);
    const moved = await eventIdAt(id, 3);
    await tamper(`DELETE FROM "${fx.schema}".events WHERE stream_id = $1 AND stream_version = 2;`, [id]);
    await tamper(
      `UPDATE "${fx.schema}".events SET stream_version = stream_version - 1 WHERE stream_id = $1 AND stream_version > 2`,
      [id],
    );
    const report = await verifier.verifyStream(id);
    expect(report.problems[0]).toMatchObject({ streamVersion: 2, eventId: moved });
    expect(['altered', 'out_of_chain']).toContain(report.problems[0].kind);
  });

  it('names the first of two swapped events', async () => {
    const id = await tallyWithCounts(4);
    const second = await eventIdAt(id, 2);
    const third = await eventIdAt(id, 3);
    // Through a spare version, since unique (stream_id, stream_version) is checked row by row.
    for (const [from, to] of [
      [2, 1000],
      [3, 2],
      [1000, 3],
    ]) {
      await tamper(
        `UPDATE "${fx.schema}".events SET stream_version = $3 WHERE stream_id = $1 AND stream_version = $2`,
        [id, from, to],
      );
    }
    const report = await verifier.verifyStream(id);
    expect(report.problems[0]).toMatchObject({ streamVersion: 2, eventId: third });
    expect(report.problems[0].eventId).not.toBe(second);
  });

  it('names a forged event inserted with a self-consistent hash but the wrong previous hash', async () => {
    const id = await tallyWithCounts(2);
    // Copy event 3 as a forged version 4 whose previous hash points at event 2.
    await tamper(
      `INSERT INTO "${fx.schema}".events (event_id, stream_type, stream_id, stream_version, event_type, schema_version, payload,
                                           metadata, occurred_at, previous_hash, hash)
       SELECT gen_random_uuid(), stream_type, stream_id, 4, event_type, schema_version, payload, metadata, occurred_at,
              (SELECT hash FROM "${fx.schema}".events WHERE stream_id = $1 AND stream_version = 2), hash
         FROM "${fx.schema}".events WHERE stream_id = $1 AND stream_version = 3`,
      [id],
    );
    const report = await verifier.verifyStream(id);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ streamVersion: 4 });
  });

  it('verifyAll reports every broken stream with its first problem and shows progress', async () => {
    const progress: number[] = [];
    const report = await verifier.verifyAll({ onProgress: (p) => void progress.push(p.eventsChecked), batchSize: 7 });
    expect(report.ok).toBe(false);
    expect(report.problems.length).toBeGreaterThanOrEqual(5);
    expect(report.brokenStreams).toBe(report.problems.length);
    expect(new Set(report.problems.map((p) => p.streamId)).size).toBe(report.problems.length);
    // Once when it has counted, then after every batch of 7 (the last one short, maybe empty): a batch at a time.
    expect(progress[0]).toBe(0);
    expect(progress.length).toBe(Math.floor(report.eventsChecked / 7) + 2);
    expect(progress[progress.length - 1]).toBe(report.eventsChecked);

    // A capped report still counts every broken stream; the problems it keeps are the first in stream order.
    const capped = await verifier.verifyAll({ maxProblems: 2 });
    expect(capped).toMatchObject({ ok: false, brokenStreams: report.brokenStreams });
    expect(capped.problems).toEqual(report.problems.slice(0, 2));
  });

  it('covers the log as it stood when it began: events past its upper position wait for the next run', async () => {
    const before = await verifier.verifyAll();
    const [{ max }] = await fx.dataSource.query(`SELECT max(global_position)::text AS max FROM "${fx.schema}".events`);
    expect(before.upToPosition).toBe(max);
    // An event appended while a run is under way (here: from its first progress call) is not counted in it.
    let appended = false;
    const during = await verifier.verifyAll({
      onProgress: async () => {
        if (appended) return;
        appended = true;
        await tallyWithCounts(0);
      },
    });
    expect(during.eventsChecked).toBe(before.eventsChecked);
    expect(during.upToPosition).toBe(before.upToPosition);
    expect((await verifier.verifyAll()).eventsChecked).toBe(before.eventsChecked + 1);
  });
});
