import {
  bearer,
  eventually,
  http,
  startServiceProcess,
  uniqueNamespace,
  type HttpResult,
  type ServiceProcess,
} from '@app/testing';
import { FOUR_SERVICES } from '../support/four-services';
import { testKafka } from '../support/kafka-under-test';
import { expectAnswer, untilReady, withOutputOf } from '../support/service-calls';
import { spawnedServices, spawnEnv } from '../support/spawned-services';
import { ALMATY_YEAR as YEAR, tarazRegister } from '../support/taraz-register';
import { validBin } from '../support/valid-bins';

// Each of the four services is killed with SIGKILL while commands keep coming, and restarted on the same database,
// namespace and environment. Afterwards every cross-service effect happened exactly once: one road case per accepted
// report (and its id back on the report), one fine per offence, one revenue booking per payment, one expenditure for
// the accepted repair; nothing parked, nothing dead-lettered.
//
// "Expected" counts only what the source service confirmed: a command answered 2xx, or — when the answer was lost to
// the kill — a command the source's own event log shows as recorded once the service is back (it is then not sent
// again, so it counts once). Commands are guarded by If-Match, so a retry can never record a second fact.
describe('SIGKILL under load, one service at a time', () => {
  type Key = 'budgets' | 'monitoring' | 'roadCases' | 'fines';
  const KEYS = Object.keys(FOUR_SERVICES) as Key[];
  const APP = (key: Key) => FOUR_SERVICES[key].app;
  const ns = uniqueNamespace('e2e-sigkill-load');
  const kafka = testKafka('sigkill-under-load-e2e');
  const DISTRICT = 'Taraz';
  const akimat = validBin();
  const contractor = validBin();
  const REPAIR_COST = 3_300_000;

  // Load: one unit per flow every PACE_MS (a report is three commands), capped per flow.
  const PACE_MS = 1_300;
  const MAX_REPORTS = 60;
  const MAX_OFFENCES = 60;
  const MAX_PAYMENTS = 45;
  const GAP_MS = 7_000; // load between kills
  const DOWN_MS = 2_000; // how long a killed service stays away
  const READY_TIMEOUT = 90_000;
  const SETTLE_TIMEOUT = 120_000;

  const { db, services } = spawnedServices('sigkill_load', FOUR_SERVICES, {
    kafkaNamespace: ns,
    ready: { timeoutMs: READY_TIMEOUT, intervalMs: 200 },
  });
  const killed: ServiceProcess[] = [];
  /** messages_dead_lettered_total of earlier incarnations (a counter starts again at 0 in a new process). */
  const deadEarlier: Record<Key, number> = { budgets: 0, monitoring: 0, roadCases: 0, fines: 0 };
  const readyAfterRestart: Partial<Record<Key, number>> = {};
  let revenueLine: string;
  let roadsProgramme: string;
  let raidId: string;
  let repairCaseId: string;

  const env = (key: Key) => spawnEnv(db, 'sigkill_load', { kafkaNamespace: ns, ...FOUR_SERVICES[key] });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const call = (key: Key, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    http(method, `${services[key].url}${path}`, { headers, body });
  /** A call whose failure (the service is down, or answers 5xx) is an answer, not an exception. */
  const attempt = async (
    key: Key,
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<HttpResult | undefined> => {
    try {
      const r = await call(key, method, path, headers, body);
      return r.status >= 500 ? undefined : r;
    } catch {
      return undefined;
    }
  };
  const ready = (key: Key) => untilReady(services[key], { timeoutMs: READY_TIMEOUT, intervalMs: 200 });
  const failWithOutput = withOutputOf(() => [...killed, ...Object.values(services)]);

  const created = (
    key: Key,
    path: string,
    body: unknown,
    role: Parameters<typeof bearer>[0] = 'official',
    status = 201,
  ) => expectAnswer(services[key], 'POST', path, role, body, status);

  beforeAll(async () => {
    ({ roadsProgramme, revenueLine } = await tarazRegister((path, body) => created('budgets', path, body), akimat));
    // A contract long out of warranty and an inspector's case assigned under it, repaired; acceptance comes under load.
    const contractId = (
      await created('budgets', '/contracts', {
        programmeId: roadsProgramme,
        contractorBin: contractor,
        contractorName: 'Taraz Zhol LLP',
        subject: 'Resurfacing of Tole bi',
        roadSegment: { roadName: 'Tole bi', fromKm: 0, toKm: 4 },
        amountTiyn: 150_000_000,
        signedAt: `${YEAR - 3}-03-01`,
        warrantyMonths: 12,
      })
    ).id;
    repairCaseId = (
      await created(
        'roadCases',
        '/cases',
        {
          location: { lat: 42.7, lon: 71.2 },
          district: DISTRICT,
          address: 'Tole bi km 1',
          defectType: 'crack',
          description: 'Crack across the lane',
        },
        'inspector',
      )
    ).id;
    await created(
      'roadCases',
      `/cases/${repairCaseId}/verify`,
      { severity: 'medium', areaM2: 3, estimatedCostTiyn: 4_000_000 },
      'inspector',
      200,
    );
    await failWithOutput(
      eventually(
        () =>
          call('roadCases', 'POST', `/cases/${repairCaseId}/assign`, bearer('official'), {
            contractorBin: contractor,
            contractId,
          }),
        (r) => r.status === 200,
        { timeoutMs: 60_000, intervalMs: 300, what: 'assignment once road-cases knows the contract' },
      ),
    );
    const repaired = await call(
      'roadCases',
      'POST',
      `/cases/${repairCaseId}/report-repair`,
      bearer('contractor', 'contractor-x', contractor),
      { note: 'sealed' },
    );
    expect(repaired.status).toBe(200);

    raidId = (
      await created(
        'monitoring',
        '/raids',
        { title: 'Overloaded trucks on Zhambyl avenue', district: DISTRICT, plannedFor: new Date().toISOString() },
        'moderator',
      )
    ).id;
    await created(
      'monitoring',
      `/raids/${raidId}/conduct`,
      { participants: ['moderator-1', 'inspector-2'] },
      'moderator',
      200,
    );
  }, 240_000);

  // The processes running at the end are stopped by spawnedServices; the killed ones only need reaping.
  afterAll(async () => {
    await Promise.all(killed.map((s) => s.stop('SIGKILL')));
  }, 60_000);

  // ---- the load ----------------------------------------------------------------------------------------------

  interface ReportUnit {
    i: number;
    id?: string;
    done: boolean;
    confirmedBy?: '2xx' | 'log';
    suspect: boolean;
  }
  interface OffenceUnit {
    i: number;
    name: string;
    offenceId?: string;
    done: boolean;
    confirmedBy?: '2xx' | 'log';
    suspect: boolean;
  }
  interface PaymentUnit {
    fineId: string;
    amount: number;
    done: boolean;
    confirmedBy?: '2xx' | 'log';
    suspect: boolean;
  }
  const reports: ReportUnit[] = [];
  const offences: OffenceUnit[] = [];
  const payments = new Map<string, PaymentUnit>();
  const failures = { reports: 0, offences: 0, payments: 0 };
  let loadOn = true;

  /** Moves a report one step further: submitted -> under review -> accepted; false when a step failed. */
  async function progressReport(u: ReportUnit): Promise<boolean> {
    const moderator = bearer('moderator');
    if (!u.id) {
      // A submission whose answer was lost leaves at most an orphan 'submitted' report: harmless, nothing follows it.
      const r = await attempt('monitoring', 'POST', '/reports', bearer('citizen', `load-citizen-${u.i}`), {
        kind: 'road_defect',
        description: `Pothole number ${u.i}`,
        road: {
          location: { lat: 42.8 + u.i * 0.002, lon: 71.3 },
          district: DISTRICT,
          address: `Tole bi ${u.i + 1}`,
          defectType: 'pothole',
        },
        contact: { phone: '+77011234567' },
      });
      if (r?.status !== 201) return false;
      u.id = r.body.id;
    }
    // Where the report stands, from its own log (authoritative also after a lost answer).
    const history = await attempt('monitoring', 'GET', `/reports/${u.id}/history?limit=500`, moderator);
    if (history?.status !== 200) return false;
    const types: string[] = history.body.events.map((e: { type: string }) => e.type);
    const version: number = history.body.events.at(-1).streamVersion;
    if (types.includes('ReportAccepted')) {
      u.done = true;
      u.confirmedBy = 'log';
      return true;
    }
    let v = version;
    if (!types.includes('ReviewStarted')) {
      const r = await attempt(
        'monitoring',
        'POST',
        `/reports/${u.id}/start-review`,
        { ...moderator, 'if-match': `"${v}"` },
        {},
      );
      if (r?.status !== 200) {
        u.suspect = true;
        return false;
      }
      v = r.body.version;
    }
    const accepted = await attempt(
      'monitoring',
      'POST',
      `/reports/${u.id}/accept`,
      { ...moderator, 'if-match': `"${v}"` },
      { meetingDate: new Date().toISOString().slice(0, 10) },
    );
    if (accepted?.status !== 200) {
      u.suspect = true;
      return false;
    }
    u.done = true;
    u.confirmedBy = '2xx';
    return true;
  }

  /** Records one offence unless the raid's log already has it (its place names the unit; no name is in the log). */
  async function progressOffence(u: OffenceUnit): Promise<boolean> {
    const history = await attempt('monitoring', 'GET', `/raids/${raidId}/history?limit=500`, bearer('moderator'));
    if (history?.status !== 200) return false;
    const events: { type: string; streamVersion: number; data: { offenceId: string; place: string } }[] =
      history.body.events;
    const place = `Zhambyl avenue weigh station, ${u.name}`;
    const logged = events.find((e) => e.type === 'OffenceRecorded' && e.data.place === place);
    if (logged) {
      Object.assign(u, { offenceId: logged.data.offenceId, done: true, confirmedBy: 'log' });
      return true;
    }
    const r = await attempt(
      'monitoring',
      'POST',
      `/raids/${raidId}/offences`,
      { ...bearer('moderator'), 'if-match': `"${events.at(-1)!.streamVersion}"` },
      {
        offenceType: 'vehicle_overload',
        offenderCategory: 'individual',
        offenderName: u.name,
        offenderIin: '790101300123',
        vehiclePlate: `${100 + u.i}KZ08`,
        place,
        committedAt: new Date(Date.now() - 3_600_000).toISOString(),
        evidence: ['https://evidence.example/scale.jpg'],
      },
    );
    if (r?.status !== 201) {
      u.suspect = true;
      return false;
    }
    Object.assign(u, { offenceId: r.body.offenceId, done: true, confirmedBy: '2xx' });
    return true;
  }

  /** Pays a fine its discounted amount unless its log already shows the payment. */
  async function progressPayment(u: PaymentUnit): Promise<boolean> {
    const history = await attempt('fines', 'GET', `/fines/${u.fineId}/history?limit=500`, bearer('official'));
    if (history?.status !== 200) return false;
    const events: { type: string; streamVersion: number; data: { amountTiyn?: number } }[] = history.body.events;
    const paid = events.find((e) => e.type === 'FinePaid');
    if (paid) {
      Object.assign(u, { done: true, confirmedBy: 'log' });
      return true;
    }
    const r = await attempt(
      'fines',
      'POST',
      `/fines/${u.fineId}/payments`,
      { ...bearer('official'), 'if-match': `"${events.at(-1)!.streamVersion}"` },
      {
        amountTiyn: u.amount,
        paymentId: `load-${u.fineId}`,
      },
    );
    if (r?.status !== 200) {
      u.suspect = true;
      return false;
    }
    Object.assign(u, { done: true, confirmedBy: '2xx' });
    return true;
  }

  async function paced(loop: () => Promise<boolean>) {
    while (loadOn) {
      const started = Date.now();
      if (!(await loop())) return;
      await sleep(Math.max(0, PACE_MS - (Date.now() - started)));
    }
  }

  const reportLoop = () =>
    paced(async () => {
      const pending = reports.find((u) => !u.done);
      if (pending) {
        if (!(await progressReport(pending))) failures.reports++;
        return true;
      }
      if (reports.length >= MAX_REPORTS) return false;
      const u: ReportUnit = { i: reports.length, done: false, suspect: false };
      reports.push(u);
      if (!(await progressReport(u))) failures.reports++;
      return true;
    });

  const offenceLoop = () =>
    paced(async () => {
      let u = offences.find((o) => !o.done);
      if (!u) {
        if (offences.length >= MAX_OFFENCES) return false;
        u = { i: offences.length, name: `Offender number ${offences.length}`, done: false, suspect: false };
        offences.push(u);
      }
      if (!(await progressOffence(u))) failures.offences++;
      return true;
    });

  const paymentLoop = () =>
    paced(async () => {
      let u = [...payments.values()].find((p) => !p.done);
      if (!u) {
        if (payments.size >= MAX_PAYMENTS) return false;
        const issued = await attempt(
          'fines',
          'GET',
          `/fines?raidId=${raidId}&status=issued&limit=200`,
          bearer('official'),
        );
        const next =
          issued?.status === 200 ? issued.body.items.find((f: { id: string }) => !payments.has(f.id)) : undefined;
        if (!next) return true;
        u = { fineId: next.id, amount: Number(next.discountAmountTiyn), done: false, suspect: false };
        payments.set(u.fineId, u);
      }
      if (!(await progressPayment(u))) failures.payments++;
      return true;
    });

  // ---- kills and what is counted ----------------------------------------------------------------------------

  const deadNow = async (key: Key): Promise<number> => {
    const r = await call(key, 'GET', '/metrics');
    return String(r.body)
      .split('\n')
      .filter((l) => l.startsWith('messages_dead_lettered_total'))
      .reduce((sum, l) => sum + Number(l.trim().split(/\s+/).at(-1)), 0);
  };
  const parkedNow = async (key: Key): Promise<number> => {
    const r = await call(key, 'GET', '/ops/parked', bearer('operator'));
    if (r.status !== 200) throw new Error(`GET /ops/parked on ${APP(key)} answered ${r.status}`);
    return r.body.total;
  };
  /** Whatever reached a dead-letter topic of this namespace, whichever incarnation sent it. */
  async function deadLetterTopics(): Promise<Record<string, number>> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${ns}.`) && t.endsWith('.dlq'));
      const counts: Record<string, number> = {};
      for (const topic of topics) {
        const offsets = await admin.fetchTopicOffsets(topic);
        counts[topic] = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
      }
      return counts;
    } finally {
      await admin.disconnect();
    }
  }

  async function killAndRestart(key: Key) {
    deadEarlier[key] += await deadNow(key).catch(() => 0);
    const victim = services[key];
    const stopped = await victim.stop('SIGKILL');
    expect(stopped.signal).toBe('SIGKILL');
    killed.push(victim);
    await sleep(DOWN_MS);
    const spawned = Date.now();
    services[key] = await failWithOutput(startServiceProcess(APP(key), env(key), { timeoutMs: READY_TIMEOUT }));
    await failWithOutput(ready(key));
    readyAfterRestart[key] = Date.now() - spawned;
    console.log(
      `${APP(key)}: SIGKILLed pid ${victim.child.pid}, restarted as pid ${services[key].child.pid}, ready ${readyAfterRestart[key]} ms after its restart`,
    );
  }

  it('loses nothing and doubles nothing when each service is SIGKILLed under load and restarted', async () => {
    const load = Promise.all([reportLoop(), offenceLoop(), paymentLoop()]);
    // Read in the finally block's tally when a step before the acceptance throws.
    // eslint-disable-next-line no-useless-assignment
    let repairAccepted = false;
    try {
      await sleep(GAP_MS);
      await killAndRestart('monitoring');
      await sleep(GAP_MS);
      // The repair's acceptance just before road-cases dies: its outbox must still get RepairAccepted out.
      const accepted = await call('roadCases', 'POST', `/cases/${repairCaseId}/accept-repair`, bearer('inspector'), {
        actualCostTiyn: REPAIR_COST,
      });
      expect(accepted.status).toBe(200);
      repairAccepted = true;
      await sleep(300);
      await killAndRestart('roadCases');
      await sleep(GAP_MS);
      await killAndRestart('fines');
      await sleep(GAP_MS);
      await killAndRestart('budgets');
      await sleep(GAP_MS);
    } finally {
      loadOn = false;
      await load;
    }
    // Units a kill left half done are finished now that everything is up (each still counts once).
    const finish = async () => {
      for (const u of reports.filter((r) => !r.done)) await progressReport(u);
      for (const u of offences.filter((o) => !o.done)) await progressOffence(u);
      for (const u of payments.values()) if (!u.done) await progressPayment(u);
      return [...reports, ...offences, ...payments.values()].every((u) => u.done);
    };
    await failWithOutput(
      eventually(finish, (done) => done, {
        timeoutMs: 60_000,
        intervalMs: 1_000,
        what: 'every half-done command finished after the restarts',
      }),
    );

    const acceptedReports = reports.filter((u) => u.done).map((u) => u.id!);
    const recordedOffences = offences.map((u) => u.offenceId!);
    const paidFines = [...payments.values()];
    const revenueExpected = paidFines.reduce((sum, p) => sum + p.amount, 0);

    interface Observed {
      casesPerReport: Map<string, number>;
      strayCases: number;
      linkedReports: number;
      linksPerReport: Map<string, number>;
      finesPerOffence: Map<string, number>;
      strayFines: number;
      revenuePerFine: Map<string, number>;
      revenueTiyn: number;
      expenditures: number;
      spentTiyn: number;
      parked: Record<Key, number>;
    }
    const observe = async (withLinks = false): Promise<Observed> => {
      const casesBody = (await call('roadCases', 'GET', '/cases?defectType=pothole&limit=200', bearer('official')))
        .body;
      const casesPerReport = new Map<string, number>(acceptedReports.map((id) => [id, 0]));
      let strayCases = 0;
      for (const c of casesBody.items as { id: string; reportIds: string[] }[]) {
        if (c.reportIds.length !== 1 || !casesPerReport.has(c.reportIds[0])) strayCases++;
        for (const id of c.reportIds) if (casesPerReport.has(id)) casesPerReport.set(id, casesPerReport.get(id)! + 1);
      }
      if (casesBody.total > casesBody.items.length) strayCases += casesBody.total - casesBody.items.length;
      const reportRows: { id: string; caseId: string | null }[] = (
        await call('monitoring', 'GET', '/reports?kind=road_defect&limit=200', bearer('moderator'))
      ).body.items;
      const linkedReports = reportRows.filter((r) => acceptedReports.includes(r.id) && r.caseId).length;
      const linksPerReport = new Map<string, number>();
      if (withLinks) {
        for (const id of acceptedReports) {
          const events: { type: string }[] = (
            await call('monitoring', 'GET', `/reports/${id}/history?limit=500`, bearer('moderator'))
          ).body.events;
          linksPerReport.set(id, events.filter((e) => e.type === 'ReportCaseLinked').length);
        }
      }
      const finesBody = (await call('fines', 'GET', `/fines?raidId=${raidId}&limit=200`, bearer('official'))).body;
      const finesPerOffence = new Map<string, number>(recordedOffences.map((id) => [id, 0]));
      let strayFines = Math.max(0, finesBody.total - finesBody.items.length);
      for (const f of finesBody.items as { offenceId: string }[]) {
        if (finesPerOffence.has(f.offenceId)) finesPerOffence.set(f.offenceId, finesPerOffence.get(f.offenceId)! + 1);
        else strayFines++;
      }
      const revenueEvents: { type: string; data: { fineId: string; amountTiyn: number } }[] = (
        await call('budgets', 'GET', `/programmes/${revenueLine}/history?limit=500`, bearer('auditor'))
      ).body.events;
      const revenuePerFine = new Map<string, number>(paidFines.map((p) => [p.fineId, 0]));
      for (const e of revenueEvents.filter((x) => x.type === 'RevenueReceived'))
        revenuePerFine.set(e.data.fineId, (revenuePerFine.get(e.data.fineId) ?? 0) + 1);
      const line = (await call('budgets', 'GET', `/programmes/${revenueLine}`)).body;
      const roadEvents: { type: string; data: { caseId?: string } }[] = (
        await call('budgets', 'GET', `/programmes/${roadsProgramme}/history?limit=500`, bearer('auditor'))
      ).body.events;
      const roads = (await call('budgets', 'GET', `/programmes/${roadsProgramme}`)).body;
      const parked = {} as Record<Key, number>;
      for (const key of KEYS) parked[key] = await parkedNow(key);
      return {
        casesPerReport,
        strayCases,
        linkedReports,
        linksPerReport,
        finesPerOffence,
        strayFines,
        revenuePerFine,
        revenueTiyn: line.revenueTiyn,
        expenditures: roadEvents.filter((e) => e.type === 'ExpenditureRecorded' && e.data.caseId === repairCaseId)
          .length,
        spentTiyn: roads.spentTiyn,
        parked,
      };
    };
    const count = (m: Map<string, number>) => ({
      happened: [...m.values()].filter((n) => n >= 1).length,
      duplicated: [...m.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
    });
    const settled = (o: Observed) =>
      count(o.casesPerReport).happened === acceptedReports.length &&
      o.linkedReports === acceptedReports.length &&
      count(o.finesPerOffence).happened === recordedOffences.length &&
      count(o.revenuePerFine).happened === paidFines.length &&
      o.revenueTiyn === revenueExpected &&
      o.expenditures >= 1 &&
      KEYS.every((k) => o.parked[k] === 0);
    const settleStarted = Date.now();
    try {
      await eventually(() => observe(), settled, {
        timeoutMs: SETTLE_TIMEOUT,
        intervalMs: 1_000,
        what: 'the counts settled',
      });
    } catch (error) {
      console.log(`not settled: ${(error as Error).message.slice(0, 2000)}`);
    }
    const settleMs = Date.now() - settleStarted;
    await sleep(3_000); // anything doubled late would show now
    const observed = await observe(true);

    const dlq = await deadLetterTopics();
    const dead = {} as Record<Key, number>;
    for (const key of KEYS) dead[key] = deadEarlier[key] + (await deadNow(key));
    const dlqTotal = Object.values(dlq).reduce((a, b) => a + b, 0);

    const cases = count(observed.casesPerReport);
    const links = {
      happened: observed.linkedReports,
      duplicated: [...observed.linksPerReport.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
    };
    const fines = count(observed.finesPerOffence);
    const revenue = count(observed.revenuePerFine);
    const byLog = (units: { confirmedBy?: string }[]) => units.filter((u) => u.confirmedBy === 'log').length;
    const lines = [
      `reports -> road cases (monitoring -> road-cases): ${acceptedReports.length} / ${cases.happened} / ${cases.duplicated + observed.strayCases} / ${observed.parked.roadCases} / ${dead.roadCases}`,
      `case ids -> reports (road-cases -> monitoring): ${acceptedReports.length} / ${links.happened} / ${links.duplicated} / ${observed.parked.monitoring} / ${dead.monitoring}`,
      `offences -> fines (monitoring -> fines): ${recordedOffences.length} / ${fines.happened} / ${fines.duplicated + observed.strayFines} / ${observed.parked.fines} / ${dead.fines}`,
      `payments -> revenue (fines -> budgets): ${paidFines.length} / ${revenue.happened} / ${revenue.duplicated} / ${observed.parked.budgets} / ${dead.budgets}` +
        ` (revenue ${observed.revenueTiyn} of ${revenueExpected} tiyn)`,
      `repair -> expenditure (road-cases -> budgets): ${repairAccepted ? 1 : 0} / ${Math.min(observed.expenditures, 1)} / ${Math.max(0, observed.expenditures - 1)} / ${observed.parked.budgets} / ${dead.budgets}` +
        ` (spent ${observed.spentTiyn} of ${REPAIR_COST} tiyn)`,
      `ready after restart: ${KEYS.map((k) => `${APP(k)} ${readyAfterRestart[k]} ms`).join(', ')}`,
      `commands failed while a service was down (retried): reports ${failures.reports}, offences ${failures.offences}, payments ${failures.payments};` +
        ` confirmed from the log after a lost answer: reports ${byLog(reports)}, offences ${byLog(offences)}, payments ${byLog(paidFines)}`,
      `settled ${settleMs} ms after the load; dead-letter topics: ${dlqTotal} (${JSON.stringify(dlq)})`,
    ];
    console.log(`flow: expected / happened / duplicated / parked / dead\n${lines.join('\n')}`);
    // Not asserted: what the processes complained about, for whoever reads the run.
    const complaints = [...killed, ...Object.values(services)].flatMap((s) =>
      s
        .output()
        .split('\n')
        .filter((l) => /\b(warn|error)\b/i.test(l))
        .map((l) => `${s.app}#${s.child.pid}: ${l.slice(0, 300)}`),
    );
    console.log(`warnings and errors logged: ${complaints.length}\n${complaints.slice(0, 40).join('\n')}`);

    expect(acceptedReports.length).toBeGreaterThanOrEqual(20);
    expect(recordedOffences.length).toBeGreaterThanOrEqual(20);
    expect(paidFines.length).toBeGreaterThanOrEqual(10);
    expect({ happened: cases.happened, duplicated: cases.duplicated, stray: observed.strayCases }).toEqual({
      happened: acceptedReports.length,
      duplicated: 0,
      stray: 0,
    });
    expect(links).toEqual({ happened: acceptedReports.length, duplicated: 0 });
    expect({ happened: fines.happened, duplicated: fines.duplicated, stray: observed.strayFines }).toEqual({
      happened: recordedOffences.length,
      duplicated: 0,
      stray: 0,
    });
    expect(revenue).toEqual({ happened: paidFines.length, duplicated: 0 });
    expect(observed.revenuePerFine.size).toBe(paidFines.length);
    expect(observed.revenueTiyn).toBe(revenueExpected);
    expect(repairAccepted).toBe(true);
    expect(observed.expenditures).toBe(1);
    expect(observed.spentTiyn).toBe(REPAIR_COST);
    expect(observed.parked).toEqual({ budgets: 0, monitoring: 0, roadCases: 0, fines: 0 });
    expect(dead).toEqual({ budgets: 0, monitoring: 0, roadCases: 0, fines: 0 });
    expect(dlqTotal).toBe(0);
  }, 420_000);
});
