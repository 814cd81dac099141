import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { eventually, http, startTcpFaultProxy, type TcpFaultProxy } from '@app/testing';
import { inProcessTally } from '../../support/in-process-tally';
import { tallyCommand } from '../../support/tally.decider';
import { startTallyRelay } from '../../support/tally-services';

// The embedded default's bus behaves as Kafka does when the consumer's database goes away: the queue holds at the
// message that failed, retries with backoff, readiness says so, and nothing is dead-lettered.
describe('in-process bus: a consumer whose database is unreachable pauses, then catches up', () => {
  let proxy: TcpFaultProxy;
  // The consumer reaches the database through a proxy the test cuts; the producer and the test's client do not.
  const { bus, producer, consumer, db } = inProcessTally('in_process_transient', {
    consumerDatabaseUrl: async (url) => {
      proxy = await startTcpFaultProxy({ host: new URL(url).hostname, port: Number(new URL(url).port || 5432) });
      return proxy.url(url);
    },
    beforeStop: async () => proxy?.restore().catch(() => undefined),
    afterStop: async () => proxy?.close(),
  });

  /** Sum of a metric's samples, of those whose labels include `having` (e.g. 'reason="connection"'). */
  const metric = async (name: string, having = '') => {
    const text = await consumer.app.get(Registry).metrics();
    return [...text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm'))]
      .filter((m) => (m[1] ?? '').includes(having))
      .reduce((n, m) => n + Number(m[2]), 0);
  };

  it('delivers all ten events once after an 8 s outage, dead-letters none, and is not ready meanwhile', async () => {
    const streamId = `transient-${randomUUID()}`;
    await proxy.cut();
    await producer.store.appendToStream({
      streamType: 'Tally',
      streamId,
      expectedVersion: 0,
      metadata: tallyCommand('CountTally', { by: 1 }).metadata,
      events: Array.from({ length: 10 }, (_, i) => ({ type: 'TallyCounted', data: { by: i + 1 } })),
    });
    const relay = startTallyRelay(producer.store, bus, { idleMs: 20 });

    const answers: number[] = [];
    const outageEnds = Date.now() + 8000;
    while (Date.now() < outageEnds) {
      answers.push((await http('GET', `${consumer.url}/health/ready`)).status);
      await new Promise((r) => setTimeout(r, 500));
    }
    const pausedDuring = await metric('consumer_paused_partitions');
    // Told apart as a failure of the connection at once: not three handler attempts that then could not dead-letter.
    const transient = await metric('consumer_transient_failures_total', 'reason="connection"');
    const couldNotDeadLetter = await metric('consumer_transient_failures_total', 'reason="dead_letters_unavailable"');
    await proxy.restore();

    const effects = await eventually(
      async () =>
        (
          await db.query(
            `SELECT event_id, stream_version FROM tally_consumer.tally_effects WHERE stream_id = $1 ORDER BY seq`,
            [streamId],
          )
        ).rows,
      (rows) => rows.length >= 10,
      { what: 'the ten effects after the database came back', timeoutMs: 60_000 },
    );
    await relay.stop();
    const dead = (await db.query(`SELECT count(*)::int AS n FROM tally_consumer.dead_letters`)).rows[0].n;
    process.stdout.write(
      `in-process outage: expected 10 / happened ${effects.length} / duplicated ${effects.length - new Set(effects.map((e) => e.event_id)).size} / ` +
        `parked ${(await db.query(`SELECT count(*)::int AS n FROM tally_consumer.parked_messages`)).rows[0].n} / dead ${dead}; ` +
        `readiness during the outage ${answers.join(',')}; transient failures ${transient}\n`,
    );
    expect(effects.map((e) => e.stream_version)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(dead).toBe(0);
    expect(answers.filter((s) => s === 503).length).toBeGreaterThanOrEqual(answers.length - 2);
    expect(pausedDuring).toBe(1);
    expect(transient).toBeGreaterThan(0);
    expect(couldNotDeadLetter).toBe(0);
    await eventually(
      async () => (await http('GET', `${consumer.url}/health/ready`)).status,
      (s) => s === 200,
      { what: 'ready again', timeoutMs: 30_000 },
    );
    expect(await metric('consumer_paused_partitions')).toBe(0);
    expect(await metric('consumer_partitions_resumed_total')).toBe(1);
  });
});
