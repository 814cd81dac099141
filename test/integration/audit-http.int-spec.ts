import { randomUUID } from 'node:crypto';
import { EventStore, StreamVerifier, VerificationJobs, type VerificationJob } from '@app/event-store';
import { createServiceDataSource } from '@app/platform';
import {
  asOwnerWithoutTrigger,
  bearer,
  createTestDatabase,
  eventually,
  http,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { spawnEnv } from '../support/spawned-services';

const JOB_PATH = /^\/audit\/verify\/jobs\/([0-9a-f-]{36})$/;
/** Two streams of this many events beside the thread's five: a whole-log job reads them in several batches. */
const BULK = 1200;
const EVENTS = 5 + 2 * BULK;

// An auditor's routes on a running service: verify the hash chains (as jobs), read a stream's history, pull a
// thread, page the operators' lists.
describe('audit routes of a service', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let service: ServiceProcess;
  let dataSource: DataSource;
  let owner: DataSource;
  let store: EventStore;
  const streamId = `case-${randomUUID()}`;
  const correlationId = `thread-${randomUUID()}`;
  const auditor = bearer('auditor');

  const metadata = (id: string) => ({
    now: new Date(),
    actor: { id: 'insp-1', role: 'inspector' },
    correlationId: id,
    requestId: 'r-1',
  });

  /** GETs the job until it is no longer running, noting every progress seen on the way. */
  async function finished(id: string, seen: VerificationJob['progress'][] = []): Promise<VerificationJob> {
    return eventually(
      async () => {
        const answer = await http('GET', `${service.url}/audit/verify/jobs/${id}`, { headers: auditor });
        expect(answer.status).toBe(200);
        seen.push(answer.body.progress);
        return answer.body as VerificationJob;
      },
      (job) => job.status !== 'running',
      { what: `verification job ${id} finished`, intervalMs: 50 },
    );
  }

  /** Holds every read of the events table back (ACCESS EXCLUSIVE, as the admin) until release(): a job stays running. */
  async function holdEvents(): Promise<{ release(): Promise<void> }> {
    const runner: QueryRunner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query('LOCK TABLE road_cases.events IN ACCESS EXCLUSIVE MODE');
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase('audit_http');
    env = spawnEnv(db, 'audit');
    service = await startServiceProcess('road-cases', env);
    const connect = async (databaseUrl: string, applicationName: string) => {
      const ds = createServiceDataSource({ databaseUrl, schema: 'road_cases', migrations: [], applicationName });
      await ds.initialize();
      return ds;
    };
    dataSource = await connect(db.url, 'audit-test');
    owner = await connect(db.ownerUrl, 'audit-test-owner');
    store = new EventStore(dataSource, 'road_cases');
    await store.appendToStream({
      streamType: 'RoadCase',
      streamId,
      expectedVersion: 0,
      metadata: metadata(correlationId),
      events: Array.from({ length: 5 }, (_, i) => ({ type: 'Noted', data: { n: i + 1 } })),
    });
    for (const bulk of ['a', 'b'])
      await store.appendToStream({
        streamType: 'RoadCase',
        streamId: `bulk-${bulk}-${randomUUID()}`,
        expectedVersion: 0,
        metadata: metadata('bulk'),
        events: Array.from({ length: BULK }, (_, i) => ({ type: 'Noted', data: { n: i + 1 } })),
      });
  });

  afterAll(async () => {
    await service?.stop();
    await dataSource?.destroy();
    await owner?.destroy();
    await db?.drop();
  });

  it('answers the first GET /audit/verify with the job it starts, then its report and how many events came since', async () => {
    const first = await http('GET', `${service.url}/audit/verify`, { headers: auditor });
    expect(first.status).toBe(202);
    const [, id] = JOB_PATH.exec(first.headers.get('location') ?? '') ?? [];
    expect(first.body).toMatchObject({
      id,
      scope: 'log',
      streamId: null,
      status: 'running',
      requestedBy: 'test-auditor',
    });

    const seen: VerificationJob['progress'][] = [];
    const job = await finished(id, seen);
    expect(job).toMatchObject({
      status: 'succeeded',
      error: null,
      progress: { eventsChecked: EVENTS, eventsTotal: EVENTS, streamsChecked: 3 },
      report: {
        schema: 'road_cases',
        ok: true,
        eventsChecked: EVENTS,
        streamsChecked: 3,
        brokenStreams: 0,
        problems: [],
        checkedAt: job.finishedAt,
      },
    });
    expect(Date.parse(job.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(job.startedAt));
    // Whatever was seen while it ran counted up towards the total it had counted first.
    for (const p of seen) if (p.eventsTotal !== null) expect(p.eventsChecked).toBeLessThanOrEqual(p.eventsTotal);

    // From now on GET answers the stored report at once, and says how stale it is.
    const cached = await http('GET', `${service.url}/audit/verify`, { headers: auditor });
    expect(cached.status).toBe(200);
    expect(cached.body).toEqual({
      ...job.report,
      jobId: id,
      eventsAppendedSince: 0,
      runningJobId: null,
    });
    await store.appendToStream({
      streamType: 'RoadCase',
      streamId: `late-${randomUUID()}`,
      expectedVersion: 0,
      metadata: metadata('late'),
      events: [
        { type: 'Noted', data: { n: 1 } },
        { type: 'Noted', data: { n: 2 } },
      ],
    });
    const stale = await http('GET', `${service.url}/audit/verify`, { headers: auditor });
    expect(stale.body).toMatchObject({ jobId: id, eventsChecked: EVENTS, eventsAppendedSince: 2 });

    for (const [method, path] of [
      ['GET', '/audit/verify'],
      ['POST', '/audit/verify'],
      ['GET', `/audit/verify/jobs/${id}`],
    ]) {
      const asOfficial = await http(method, `${service.url}${path}`, { headers: bearer('official') });
      const anonymous = await http(method, `${service.url}${path}`);
      expect({ method, path, statuses: [asOfficial.status, anonymous.status] }).toEqual({
        method,
        path,
        statuses: [403, 401],
      });
    }
  });

  it('runs one whole-log job at a time: a second POST, here or from another instance, answers the running one', async () => {
    const hold = await holdEvents();
    let id: string;
    try {
      const started = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
      expect(started.status).toBe(202);
      id = started.body.id;
      expect(started.headers.get('location')).toBe(`/audit/verify/jobs/${id}`);
      expect(started.body).toMatchObject({ status: 'running', progress: { eventsChecked: 0, eventsTotal: null } });

      const again = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
      expect(again.status).toBe(202);
      expect(again.headers.get('location')).toBe(`/audit/verify/jobs/${id}`);
      expect(again.body).toMatchObject({ id, status: 'running' });
      // Another instance of the service (the same table and lock, another process's pool) finds it running too.
      const elsewhere = new VerificationJobs(dataSource, 'road_cases', new StreamVerifier(dataSource, 'road_cases'));
      const there = await elsewhere.startLog('auditor-elsewhere');
      expect({ started: there.started, id: there.job.id, status: there.job.status }).toEqual({
        started: false,
        id,
        status: 'running',
      });
      const [{ running }] = await dataSource.query(
        `SELECT count(*)::int AS running FROM road_cases.verification_jobs WHERE status = 'running'`,
      );
      expect(running).toBe(1);
    } finally {
      await hold.release();
    }
    expect(await finished(id)).toMatchObject({
      status: 'succeeded',
      progress: { eventsChecked: EVENTS + 2, eventsTotal: EVENTS + 2, streamsChecked: 4 },
    });
    // Once it is done, a POST starts a new one.
    const next = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
    expect(next.status).toBe(202);
    expect(next.body.id).not.toBe(id);
    expect((await finished(next.body.id)).status).toBe('succeeded');
  });

  it('answers 404 for a job that does not exist and 400 for an id that cannot be one', async () => {
    const unknown = randomUUID();
    const missing = await http('GET', `${service.url}/audit/verify/jobs/${unknown}`, { headers: auditor });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'not_found', resource: 'Verification job', id: unknown });
    const malformed = await http('GET', `${service.url}/audit/verify/jobs/not-a-job`, { headers: auditor });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'validation_failed', field: 'id' });
    const noStream = await http('POST', `${service.url}/audit/verify?streamId=no-such-stream`, { headers: auditor });
    expect(noStream.status).toBe(404);
    expect(noStream.body).toMatchObject({ resource: 'Stream', id: 'no-such-stream' });
    const badStream = await http('POST', `${service.url}/audit/verify?streamId=${'x'.repeat(201)}`, {
      headers: auditor,
    });
    expect(badStream.status).toBe(400);
    expect(badStream.body.field).toBe('streamId');
  });

  it('pages through a stream history with metadata, and 404s an unknown stream', async () => {
    const first = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=3`, {
      headers: bearer('auditor'),
    });
    expect(first.status).toBe(200);
    expect(first.body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(first.body.events[0].metadata).toMatchObject({ actorId: 'insp-1', actorRole: 'inspector', correlationId });
    expect(first.body.events[0]).toHaveProperty('hash');
    expect(first.body.events[0]).toMatchObject({ hashScheme: 2 });
    expect(first.body.nextAfterVersion).toBe(3);
    const second = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=3&afterVersion=3`, {
      headers: bearer('auditor'),
    });
    expect(second.body.events.map((e: { streamVersion: number }) => e.streamVersion)).toEqual([4, 5]);
    expect(second.body.nextAfterVersion).toBeNull();
    const unknown = await http('GET', `${service.url}/audit/streams/nope/history`, { headers: bearer('auditor') });
    expect(unknown.status).toBe(404);
    const bad = await http('GET', `${service.url}/audit/streams/${streamId}/history?limit=5000`, {
      headers: bearer('auditor'),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('limit');
  });

  it('pulls every event of a correlation id, and names a missing one', async () => {
    const thread = await http('GET', `${service.url}/audit/events?correlationId=${correlationId}`, {
      headers: bearer('auditor'),
    });
    expect(thread.status).toBe(200);
    expect(thread.body.events).toHaveLength(5);
    expect(thread.body).not.toHaveProperty('nextAfterPosition');

    // A page at a time: each names where the next begins, the last names none.
    const pages: string[][] = [];
    let after: string | undefined;
    do {
      const page = await http(
        'GET',
        `${service.url}/audit/events?correlationId=${correlationId}&limit=2${after ? `&afterPosition=${after}` : ''}`,
        {
          headers: bearer('auditor'),
        },
      );
      expect(page.status).toBe(200);
      pages.push(page.body.events.map((e: { eventId: string }) => e.eventId));
      after = page.body.nextAfterPosition;
    } while (after && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(thread.body.events.map((e: { eventId: string }) => e.eventId));
    for (const [query, field] of [
      ['limit=1001', 'limit'],
      ['limit=0', 'limit'],
      ['afterPosition=-1', 'afterPosition'],
    ]) {
      const refused = await http('GET', `${service.url}/audit/events?correlationId=${correlationId}&${query}`, {
        headers: bearer('auditor'),
      });
      expect({ query, status: refused.status, field: refused.body.field }).toEqual({ query, status: 400, field });
    }
    const missing = await http('GET', `${service.url}/audit/events`, { headers: bearer('auditor') });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('correlationId');
  });

  it("pages the operators' lists of parked and set-aside messages", async () => {
    // Rows no consumer or relay will touch: predecessors of unknown streams, quarantined events of unknown streams.
    for (let version = 10; version < 13; version++)
      await dataSource.query(
        `INSERT INTO road_cases.parked_messages (topic, source_topic, partition, "offset", value, headers, event_id, event_type,
                                                 stream_id, stream_version, reason, awaits, detail, parked_at)
         VALUES ('x.events', 'x.events', 0, $1, '{}', '{}', $2, 'Noted', 'parked-stream', $3, 'awaiting_predecessor',
                 'version 9', 'test', now() + make_interval(secs => $4))`,
        [String(version), randomUUID(), version, version],
      );
    for (let version = 1; version <= 3; version++)
      await dataSource.query(
        `INSERT INTO road_cases.outbox_quarantine (event_id, stream_id, stream_version, global_position, transaction_id,
                                                   event_type, status, error)
         VALUES ($1, 'held-stream', $2, $3, '1', 'Noted', $4, 'test')`,
        [randomUUID(), version, version, version === 1 ? 'quarantined' : 'held'],
      );
    const operator = bearer('operator');
    const parked = await Promise.all(
      [1, 2].map((page) => http('GET', `${service.url}/ops/parked?limit=2&page=${page}`, { headers: operator })),
    );
    expect(parked.map((p) => [p.status, p.body.page, p.body.limit, p.body.total, p.body.items.length])).toEqual([
      [200, 1, 2, 3, 2],
      [200, 2, 2, 3, 1],
    ]);
    expect(parked.flatMap((p) => p.body.items.map((i: { streamVersion: number }) => i.streamVersion))).toEqual([
      10, 11, 12,
    ]);
    expect(parked[0].body.byReason).toEqual({ awaiting_predecessor: 3 });
    const quarantine = await http('GET', `${service.url}/ops/outbox/quarantine?limit=2&page=2`, { headers: operator });
    expect(quarantine.status).toBe(200);
    expect(quarantine.body).toMatchObject({ counts: { quarantined: 1, held: 2 }, page: 2, limit: 2, total: 3 });
    expect(quarantine.body.items.map((i: { streamVersion: number }) => i.streamVersion)).toEqual([3]);
    const ofStream = await http('GET', `${service.url}/ops/outbox/quarantine?streamId=other`, { headers: operator });
    expect(ofStream.body).toMatchObject({ total: 0, items: [], page: 1, limit: 50 });
    for (const [path, field] of [
      ['/ops/parked?limit=201', 'limit'],
      ['/ops/parked?page=0', 'page'],
      ['/ops/outbox/quarantine?limit=0', 'limit'],
      ['/ops/outbox/quarantine?page=1000001', 'page'],
    ]) {
      const refused = await http('GET', `${service.url}${path}`, { headers: operator });
      expect({ path, status: refused.status, field: refused.body.field }).toEqual({ path, status: 400, field });
    }
  });

  it('records a job its service stopped during as failed, saying so, and the service stops cleanly', async () => {
    const hold = await holdEvents();
    let id: string;
    let stopped: Awaited<ReturnType<ServiceProcess['stop']>>;
    try {
      const started = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
      id = started.body.id;
      expect(started.body.status).toBe('running');
      const stopping = service.stop('SIGTERM');
      // The job waits on the table while the service drains; once it may read again it sees the stop and ends.
      await service.waitForOutput(new RegExp(`verification job ${id}: stopping with the service`));
      await hold.release();
      stopped = await stopping;
    } finally {
      await hold.release();
    }
    expect(stopped.code).toBe(0);
    const [row] = await dataSource.query('SELECT status, error FROM road_cases.verification_jobs WHERE job_id = $1', [
      id,
    ]);
    expect(row).toMatchObject({ status: 'failed', error: expect.stringMatching(/^stopped: the service shut down/) });
    service = await startServiceProcess('road-cases', env);
  });

  it('shows a job whose process died as failed once the service is back, never as running for ever', async () => {
    const hold = await holdEvents();
    let id: string;
    try {
      const started = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
      id = started.body.id;
      expect(started.body.status).toBe('running');
      // The process dies with its job waiting on the table; its session goes once Postgres sees the socket closed.
      expect((await service.stop('SIGKILL')).signal).toBe('SIGKILL');
    } finally {
      await hold.release();
    }
    service = await startServiceProcess('road-cases', env);
    const settled = await eventually(
      async () => (await http('GET', `${service.url}/audit/verify/jobs/${id}`, { headers: auditor })).body,
      (job) => job.status !== 'running',
      { what: 'the dead job settled' },
    );
    expect(settled).toMatchObject({ id, status: 'failed', report: null, error: expect.stringMatching(/^abandoned/) });
    expect(settled.finishedAt).not.toBeNull();
    // The last finished report still answers GET, and nothing runs now.
    const cached = await http('GET', `${service.url}/audit/verify`, { headers: auditor });
    expect(cached.status).toBe(200);
    expect(cached.body).toMatchObject({ ok: true, runningJobId: null });
  });

  it('names the altered event after the schema owner edits the log with SQL, in a stream check and in a new job', async () => {
    const [altered] = await dataSource.query(
      'SELECT event_id, global_position::text AS position FROM road_cases.events WHERE stream_id = $1 AND stream_version = 4',
      [streamId],
    );
    await asOwnerWithoutTrigger(
      owner,
      'road_cases',
      'events',
      `UPDATE road_cases.events SET payload = '{"n": 99}' WHERE stream_id = $1 AND stream_version = 4`,
      [streamId],
    );
    const report = await http('GET', `${service.url}/audit/verify?streamId=${streamId}`, {
      headers: auditor,
    });
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(false);
    expect(report.body.problems[0]).toMatchObject({ kind: 'altered', streamId, streamVersion: 4 });

    const problem = {
      kind: 'altered',
      streamId,
      streamVersion: 4,
      eventId: altered.event_id,
      globalPosition: altered.position,
    };
    // One stream as a job: verified within the request, answered finished, and kept like the others.
    const ofStream = await http('POST', `${service.url}/audit/verify?streamId=${streamId}`, { headers: auditor });
    expect(ofStream.status).toBe(202);
    expect(ofStream.headers.get('location')).toBe(`/audit/verify/jobs/${ofStream.body.id}`);
    expect(ofStream.body).toMatchObject({
      scope: 'stream',
      streamId,
      status: 'succeeded',
      report: { ok: false, eventsChecked: 5, streamsChecked: 1, brokenStreams: 1, problems: [problem] },
    });

    const started = await http('POST', `${service.url}/audit/verify`, { headers: auditor });
    expect(started.status).toBe(202);
    const job = await finished(started.body.id);
    expect(job).toMatchObject({ status: 'succeeded', report: { ok: false, brokenStreams: 1, problems: [problem] } });
    expect(job.report!.problems[0].detail).toContain('its content was changed');
    const cached = await http('GET', `${service.url}/audit/verify`, { headers: auditor });
    expect(cached.body).toMatchObject({ jobId: job.id, ok: false, problems: [problem] });
  });
});
