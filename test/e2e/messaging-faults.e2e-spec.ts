import pg from 'pg';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  privateKafka,
  serviceEnv,
  startPrivatePostgres,
  startServiceProcess,
  startTcpFaultProxy,
  testEnv,
  type PrivatePostgres,
  type ServiceProcess,
  type TcpFaultProxy,
  type TestDatabase,
} from '@app/testing';

// monitoring and road-cases as two real processes while their infrastructure fails under them: road-cases' database
// cut away for 20 s, the Postgres of both restarted, the Kafka broker restarted. A consumer must pause and retry
// through a failure of the infrastructure: every accepted report gets exactly one road case, nothing is
// dead-lettered, nothing is left parked, and the service reports itself not ready meanwhile and ready again after.
describe('messaging under infrastructure faults', () => {
  const WAIT = { timeoutMs: 120_000, intervalMs: 500 };
  // A private broker this file may restart; clear of the shared ones (9092, 9192) and the other private ones (19092, 19192).
  const KAFKA_PORT = 19292;

  // Everything a case starts, for afterAll should the case end early.
  const processes = new Set<ServiceProcess>();
  const cleanups: Array<() => Promise<unknown>> = [];

  afterAll(async () => {
    await Promise.all([...processes].map((p) => p.stop().catch(() => undefined)));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  });

  /** A test database of each service's own (monitoring's first), dropped in afterAll. */
  async function databasesOfBoth(label: string): Promise<TestDatabase[]> {
    const databases = await Promise.all([
      createTestDatabase(`${label}_monitoring`),
      createTestDatabase(`${label}_road_cases`),
    ]);
    cleanups.push(...databases.map((db) => () => db.drop()));
    return databases;
  }

  async function start(app: string, env: Record<string, string>): Promise<ServiceProcess> {
    const service = await startServiceProcess(
      app,
      app === 'road-cases' ? { ...env, ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' } : env,
    );
    processes.add(service);
    return service;
  }

  async function stop(...services: ServiceProcess[]): Promise<void> {
    await Promise.all(
      services.map(async (s) => {
        await s.stop();
        processes.delete(s);
      }),
    );
  }

  const safe = async (
    method: string,
    url: string,
    options: { headers?: Record<string, string>; body?: unknown } = {},
  ) => {
    try {
      return await http(method, url, options);
    } catch (error) {
      return { status: 0, body: String(error), headers: new Headers() };
    }
  };

  interface Filed {
    id?: string;
    /** The accept step answered 2xx. */
    accepted: boolean;
    /** The first step that did not answer 2xx, with its status (0: no answer). */
    failed?: string;
  }

  /** A citizen files a report and a moderator accepts it (which forwards it to road-cases); one attempt per step. */
  async function fileAndAccept(monitoring: ServiceProcess, lat: number, lon: number): Promise<Filed> {
    const filed = await safe('POST', `${monitoring.url}/reports`, {
      headers: bearer('citizen', 'citizen-faults'),
      body: {
        kind: 'road_defect',
        description: 'Pothole',
        road: { location: { lat, lon }, district: 'Taraz', address: 'Tole bi 12', defectType: 'pothole' },
        contact: { phone: '+77011234567' },
      },
    });
    if (filed.status < 200 || filed.status >= 300 || !filed.body?.id)
      return { accepted: false, failed: `file ${filed.status}` };
    const id: string = filed.body.id;
    const review = await safe('POST', `${monitoring.url}/reports/${id}/start-review`, {
      headers: bearer('moderator'),
      body: {},
    });
    if (review.status < 200 || review.status >= 300)
      return { id, accepted: false, failed: `start-review ${review.status}` };
    const accept = await safe('POST', `${monitoring.url}/reports/${id}/accept`, {
      headers: bearer('moderator'),
      body: { meetingDate: '2020-03-19' },
    });
    if (accept.status < 200 || accept.status >= 300) return { id, accepted: false, failed: `accept ${accept.status}` };
    return { id, accepted: true };
  }

  /** Reports far apart (≈ 220 m in latitude), so none joins another's case. */
  const spot = (i: number, lon: number) => ({ lat: 42.8 + i * 0.002, lon });

  /** Every case on road-cases' board as reportId → how many cases name it. */
  async function casesByReport(roadCases: ServiceProcess): Promise<{ cases: number; byReport: Map<string, number> }> {
    const byReport = new Map<string, number>();
    let cases = 0;
    for (let page = 1; page <= 50; page++) {
      const res = await http('GET', `${roadCases.url}/cases?limit=200&page=${page}`, { headers: bearer('official') });
      if (res.status !== 200) throw new Error(`GET /cases answered ${res.status}: ${JSON.stringify(res.body)}`);
      for (const item of res.body.items as Array<{ reportIds: string[] }>) {
        cases++;
        for (const id of item.reportIds ?? []) byReport.set(id, (byReport.get(id) ?? 0) + 1);
      }
      if (page * 200 >= res.body.total) break;
    }
    return { cases, byReport };
  }

  /** Sums a metric's samples (all label sets) in a Prometheus text exposition; undefined when absent. */
  async function metric(service: ServiceProcess, name: string): Promise<number | undefined> {
    const text: string = (await http('GET', `${service.url}/metrics`)).body;
    let sum: number | undefined;
    for (const line of String(text).split('\n')) {
      const match = new RegExp(`^${name}(\\{[^}]*\\})?\\s+(\\S+)`).exec(line);
      if (match) sum = (sum ?? 0) + Number(match[2]);
    }
    return sum;
  }

  async function metricLines(service: ServiceProcess, name: string): Promise<string> {
    const text: string = (await http('GET', `${service.url}/metrics`)).body;
    return String(text)
      .split('\n')
      .filter((l) => l.startsWith(name))
      .join('; ');
  }

  interface Outcome {
    expected: number;
    happened: number;
    duplicated: number;
    /** Cases for reports whose accept did not answer 2xx (accepted all the same, as monitoring shows). */
    extra: number;
    /** Cases for reports monitoring does not hold as accepted: must be none. */
    stray: number;
    parked: number;
    dead: number;
    transient: number;
    transientDetail: string;
    paused: number | undefined;
  }

  /**
   * Waits (bounded) until every accepted report has a case, lets a little more time pass for duplicates to show, then
   * gathers the figures. The reports whose accept did not answer 2xx are looked up: one monitoring holds as accepted
   * (the commit went through, the answer did not) may have its case too; any other case is a stray.
   */
  async function outcome(
    monitoring: ServiceProcess,
    roadCases: ServiceProcess,
    filed: Filed[],
    output: () => string,
  ): Promise<Outcome> {
    const accepted = filed.filter((f) => f.accepted).map((f) => f.id!);
    const withCase = (byReport: Map<string, number>) => accepted.filter((id) => (byReport.get(id) ?? 0) > 0).length;
    await eventually(
      () => casesByReport(roadCases),
      ({ byReport }) => withCase(byReport) === accepted.length,
      {
        ...WAIT,
        what: `a case for each of the ${accepted.length} accepted reports`,
      },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    await new Promise((r) => setTimeout(r, 3000));
    const { byReport } = await casesByReport(roadCases);
    const acceptedSet = new Set(accepted);
    const unanswered = filed.filter((f) => !f.accepted && f.id).map((f) => f.id!);
    const heldAccepted = new Set<string>();
    for (const id of unanswered) {
      const res = await http('GET', `${monitoring.url}/reports/${id}`, { headers: bearer('moderator') });
      if (res.status === 200 && ['accepted', 'resolved'].includes(res.body.status)) heldAccepted.add(id);
    }
    const parked = await http('GET', `${roadCases.url}/ops/parked`, { headers: bearer('operator') });
    expect(parked.status).toBe(200);
    return {
      expected: accepted.length,
      happened: withCase(byReport),
      duplicated: [...byReport.values()].filter((n) => n > 1).length,
      extra: [...byReport.keys()].filter((id) => !acceptedSet.has(id) && heldAccepted.has(id)).length,
      stray: [...byReport.keys()].filter((id) => !acceptedSet.has(id) && !heldAccepted.has(id)).length,
      parked: parked.body.total,
      dead: (await metric(roadCases, 'messages_dead_lettered_total')) ?? 0,
      transient: (await metric(roadCases, 'consumer_transient_failures_total')) ?? 0,
      transientDetail: await metricLines(roadCases, 'consumer_transient_failures_total{'),
      paused: await metric(roadCases, 'consumer_paused_partitions'),
    };
  }

  function print(label: string, o: Outcome, startedAt: number, more = ''): void {
    process.stdout.write(
      `${label}: expected ${o.expected} / happened ${o.happened} / duplicated ${o.duplicated} / parked ${o.parked} / dead ${o.dead}` +
        ` (cases for unanswered accepts ${o.extra}, stray ${o.stray}; transient failures ${o.transient} [${o.transientDetail}]; ${Date.now() - startedAt} ms)${more}\n`,
    );
  }

  function expectClean(o: Outcome): void {
    expect(o.happened).toBe(o.expected);
    expect(o.duplicated).toBe(0);
    expect(o.stray).toBe(0);
    expect(o.dead).toBe(0);
    expect(o.parked).toBe(0);
  }

  const ready = (service: ServiceProcess) => safe('GET', `${service.url}/health/ready`);
  const tail =
    (...services: ServiceProcess[]) =>
    () =>
      services.map((s) => `--- ${s.app} ---\n${s.output().slice(-3000)}`).join('\n');

  /**
   * monitoring and road-cases on their own databases and one namespace (each serviceEnv call names a fresh one, so
   * the first is given to both), each waited ready before a case does anything to them.
   */
  async function startReady(label: string, monitoringUrl: string, roadCasesUrl: string, extra = {}) {
    const env = (url: string) => serviceEnv(url, label, extra);
    const namespace = env('').KAFKA_NAMESPACE;
    const [monitoring, roadCases] = await Promise.all([
      start('monitoring', { ...env(monitoringUrl), KAFKA_NAMESPACE: namespace }),
      start('road-cases', { ...env(roadCasesUrl), KAFKA_NAMESPACE: namespace }),
    ]);
    const output = tail(monitoring, roadCases);
    await eventually(
      () => ready(roadCases),
      (r) => r.status === 200,
      { ...WAIT, what: 'road-cases ready' },
    );
    await eventually(
      () => ready(monitoring),
      (r) => r.status === 200,
      { ...WAIT, what: 'monitoring ready' },
    );
    return { monitoring, roadCases, output };
  }

  /** After a fault: road-cases ready again, then none of its consumer's partitions left paused. */
  async function settled(roadCases: ServiceProcess) {
    const readyAgain = await eventually(
      () => ready(roadCases),
      (r) => r.status === 200,
      { ...WAIT, what: 'road-cases ready again' },
    );
    const paused = await eventually(
      () => metric(roadCases, 'consumer_paused_partitions'),
      (n) => n === 0,
      { ...WAIT, what: 'no paused partition' },
    );
    return { readyAgain, paused };
  }

  /** Reports at a steady pace for durationMs, running `fault` from the middle; resolves with every report's fate. */
  async function steadyLoad(
    monitoring: ServiceProcess,
    lon: number,
    { everyMs, durationMs }: { everyMs: number; durationMs: number },
    fault: () => Promise<string>,
  ) {
    const flows: Array<Promise<Filed>> = [];
    const begun = Date.now();
    let faultDone: Promise<string> | undefined;
    for (let i = 0; Date.now() - begun < durationMs; i++) {
      const { lat } = spot(i, lon);
      flows.push(fileAndAccept(monitoring, lat, lon));
      if (!faultDone && Date.now() - begun >= durationMs / 2 - 2000) faultDone = fault();
      await new Promise((r) => setTimeout(r, Math.max(0, begun + (i + 1) * everyMs - Date.now())));
    }
    const [filed, faultSummary] = await Promise.all([Promise.all(flows), faultDone ?? Promise.resolve('no fault')]);
    const failures = new Map<string, number>();
    for (const f of filed) if (f.failed) failures.set(f.failed, (failures.get(f.failed) ?? 0) + 1);
    return { filed, faultSummary, failures: JSON.stringify(Object.fromEntries(failures)) };
  }

  it('road-cases without its database for 20 s while 20 reports are forwarded: one case each once it is back, nothing dead-lettered', async () => {
    const startedAt = Date.now();
    const [monitoringDb, roadCasesDb] = await databasesOfBoth('faults');
    const shared = new URL(testEnv('databaseUrl'));
    const proxy: TcpFaultProxy = await startTcpFaultProxy({ host: shared.hostname, port: Number(shared.port || 5432) });
    cleanups.push(() => proxy.close());
    const { monitoring, roadCases, output } = await startReady(
      'faults-db-cut',
      monitoringDb.url,
      proxy.url(roadCasesDb.url),
    );

    await proxy.cut();
    const cutAt = Date.now();
    const polls: Array<{ status: number; checks: string }> = [];
    const scrapes: Array<{ status: number; ms: number; problem: string }> = [];
    const polling = (async () => {
      while (Date.now() - cutAt < 20_000) {
        if (polls.length % 4 === 0) {
          const t0 = Date.now();
          const m = await safe('GET', `${roadCases.url}/metrics`);
          scrapes.push({
            status: m.status,
            ms: Date.now() - t0,
            problem: m.status === 200 ? '' : JSON.stringify(m.body).slice(0, 160),
          });
        }
        const r = await ready(roadCases);
        const checks = r.body?.checks
          ? Object.entries(r.body.checks as Record<string, { status: string }>)
              .map(([name, c]) => `${name}:${c.status}`)
              .join(',')
          : String(r.body).slice(0, 80);
        polls.push({ status: r.status, checks });
        await new Promise((res) => setTimeout(res, 500));
      }
    })();
    const filed: Filed[] = [];
    for (let i = 0; i < 20; i += 5) {
      filed.push(
        ...(await Promise.all(
          [0, 1, 2, 3, 4].map((j) => fileAndAccept(monitoring, spot(i + j, 71.3667).lat, 71.3667)),
        )),
      );
    }
    const filedAfterMs = Date.now() - cutAt;
    expect(filed.filter((f) => f.accepted)).toHaveLength(20);
    // Forwarded while road-cases cannot reach its database: its consumer receives them and fails for the infrastructure.
    await eventually(
      () => metric(roadCases, 'consumer_transient_failures_total'),
      (n) => (n ?? 0) > 0,
      {
        timeoutMs: Math.max(1000, 19_000 - (Date.now() - cutAt)),
        intervalMs: 500,
        what: 'a transient failure during the outage',
      },
    ).catch(() => undefined);
    const transientDuringOutage =
      (await metric(roadCases, 'consumer_transient_failures_total')) ?? 'none (scrape failed or metric absent)';
    await polling;
    const readyDuringOutage = await ready(roadCases);
    await proxy.restore();
    const restoredAt = Date.now();
    const outageMs = restoredAt - cutAt;

    const o = await outcome(monitoring, roadCases, filed, output);
    const { readyAgain, paused: pausedAfter } = await settled(roadCases);
    const casesAfterMs = Date.now() - restoredAt;

    const unready = polls.filter((p) => p.status === 503);
    const checksSeen = [...new Set(unready.map((p) => p.checks))];
    print(
      'case 1 (road-cases database cut 20 s)',
      o,
      startedAt,
      `; outage ${outageMs} ms, reports filed ${filedAfterMs} ms into it; readiness polls ${polls.length}, 503: ${unready.length}, checks seen: ${checksSeen.join(' | ')};` +
        ` consumer check at the end of the outage: ${JSON.stringify(readyDuringOutage.body?.checks?.consumer ?? null).slice(0, 300)};` +
        ` /metrics during the outage: ${JSON.stringify(scrapes.map((m) => m.status))} (${[...new Set(scrapes.map((m) => m.problem).filter(Boolean))].join(' | ')});` +
        ` transient failures before restore ${transientDuringOutage}; all cases, ready and unpaused ${casesAfterMs} ms after restore`,
    );

    expect(unready.length).toBeGreaterThan(0);
    expect(polls.every((p) => p.status === 503)).toBe(true);
    expect(readyDuringOutage.body.checks).toMatchObject({ postgres: { status: 'down' }, consumer: { status: 'down' } });
    expectClean(o);
    expect(o.expected).toBe(20);
    expect(o.transient).toBeGreaterThan(0);
    expect(pausedAfter).toBe(0);
    // The pauses resumed by themselves, and were counted doing so.
    expect(await metric(roadCases, 'consumer_partitions_resumed_total')).toBeGreaterThan(0);
    expect(readyAgain.status).toBe(200);
    expect(proxy.stats.connectionsCut).toBeGreaterThan(0);

    await stop(monitoring, roadCases);
  }, 300_000);

  it('the Postgres of both restarted under a steady load: every accepted report gets one case', async () => {
    const startedAt = Date.now();
    const server: PrivatePostgres = await startPrivatePostgres();
    cleanups.push(() => server.stop());
    // A database of each service's own on the private server.
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE faults_monitoring');
    await admin.query('CREATE DATABASE faults_road_cases');
    await admin.end();
    const dbUrl = (name: string) => {
      const url = new URL(server.url);
      url.pathname = `/${name}`;
      return url.toString();
    };
    const { monitoring, roadCases, output } = await startReady(
      'faults-pg-restart',
      dbUrl('faults_monitoring'),
      dbUrl('faults_road_cases'),
    );

    const load = await steadyLoad(monitoring, 71.4, { everyMs: 200, durationMs: 15_000 }, async () => {
      const r = await server.restart({ downMs: 3000 });
      return `restart: stop ${r.stopMs} ms, down ${r.downMs} ms, start ${r.startMs} ms`;
    });
    const loadDoneAt = Date.now();
    const o = await outcome(monitoring, roadCases, load.filed, output);
    const { paused } = await settled(roadCases);
    print(
      'case 2 (private Postgres restarted)',
      o,
      startedAt,
      `; ${load.filed.length} reports tried, failed steps ${load.failures}; ${load.faultSummary}; cases complete ${Date.now() - loadDoneAt} ms after the load`,
    );

    expectClean(o);
    expect(o.expected).toBeGreaterThan(0);
    expect(paused).toBe(0);

    await stop(monitoring, roadCases);
  }, 300_000);

  it('the Kafka broker restarted under a steady load: every accepted report gets one case', async () => {
    const startedAt = Date.now();
    const broker = privateKafka(KAFKA_PORT, 'messaging-faults-kafka');
    cleanups.push(() => broker.remove());
    const brokers = await broker.start();
    const [monitoringDb, roadCasesDb] = await databasesOfBoth('faults_kafka');
    const { monitoring, roadCases, output } = await startReady(
      'faults-kafka-restart',
      monitoringDb.url,
      roadCasesDb.url,
      { KAFKA_BROKERS: brokers },
    );
    // The consumer has joined and consumes: a first report reaches its case before the load starts.
    const first = await fileAndAccept(monitoring, 42.7, 71.45);
    expect(first.accepted).toBe(true);
    await eventually(
      () => casesByReport(roadCases),
      ({ byReport }) => byReport.has(first.id!),
      { ...WAIT, what: 'the first case' },
    );

    const load = await steadyLoad(monitoring, 71.45, { everyMs: 200, durationMs: 15_000 }, async () => {
      const t0 = Date.now();
      await broker.stop();
      const stopped = Date.now();
      await new Promise((r) => setTimeout(r, 3000));
      await broker.start();
      return `broker restart: stop ${stopped - t0} ms, down ${Date.now() - stopped} ms`;
    });
    const loadDoneAt = Date.now();
    const o = await outcome(monitoring, roadCases, [first, ...load.filed], output);
    const { paused } = await settled(roadCases);
    print(
      'case 3 (private Kafka broker restarted)',
      o,
      startedAt,
      `; ${load.filed.length + 1} reports tried, failed steps ${load.failures}; ${load.faultSummary}; cases complete ${Date.now() - loadDoneAt} ms after the load`,
    );

    expectClean(o);
    expect(o.expected).toBeGreaterThan(1);
    expect(paused).toBe(0);

    await stop(monitoring, roadCases);
  }, 360_000);
});
