import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { TOPICS, type FinePaidV1, type RepairAcceptedV1, type ReportForwardedV1 } from '@app/contracts';
import { physicalTopic } from '@app/messaging';
import type { Role } from '@app/platform';
import { eventually } from '@app/testing';
import { BUDGETS_TOPICS, kafkaUnderTest } from '../support/kafka-under-test';
import { scrapedMetric } from '../support/metric-samples';
import { callAs, expectAnswer, withOutputOf } from '../support/service-calls';
import { spawnedService } from '../support/spawned-services';
import { testEnvelope } from '../support/test-envelopes';
import { validBin } from '../support/valid-bins';

// budgets as its own process on real Postgres and Kafka. The test plays road-cases, fines and monitoring: it produces
// their integration envelopes straight to the namespaced topics, and reads what budgets publishes on budgets.events.
describe('budgets intake over Kafka', () => {
  const { ns, collect, produce } = kafkaUnderTest('e2e-budgets', BUDGETS_TOPICS);
  const { db, service } = spawnedService('budgets', 'budgets_intake', { kafkaNamespace: ns });
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  const district = `Taraz-${randomUUID().slice(0, 8)}`;
  let akimat: string;
  let roadsProgramme: string;
  let revenueLine: string;
  let oldContract: string;
  let freshContract: string;

  const call = (method: string, path: string, role?: Role, body?: unknown) => callAs(service, method, path, role, body);
  const created = async (method: string, path: string, body: unknown): Promise<string> =>
    (await expectAnswer(service, method, path, 'official', body)).id;

  beforeAll(async () => {
    akimat = validBin();
    await created('POST', '/institutions', { bin: akimat, name: 'Akimat of Taraz', district, kind: 'akimat' });
    roadsProgramme = await created('POST', '/programmes', {
      institutionBin: akimat,
      fiscalYear: 2026,
      code: '451-015',
      name: 'Street repair',
      purpose: 'road_maintenance',
      allocationTiyn: 10_000_000,
    });
    revenueLine = await created('POST', '/programmes', {
      institutionBin: akimat,
      fiscalYear: 2026,
      code: '204-101',
      name: 'Administrative fines',
      purpose: 'fine_revenue',
      allocationTiyn: 5_000_000,
    });
    const contract = {
      contractorBin: '123456789013',
      contractorName: 'Taraz Zhol LLP',
      subject: 'Resurfacing',
      roadSegment: { roadName: 'Tole bi', fromKm: 1, toKm: 3 },
      amountTiyn: 3_000_000,
    };
    oldContract = await created('POST', '/contracts', {
      ...contract,
      programmeId: roadsProgramme,
      signedAt: '2020-01-31',
      warrantyMonths: 1,
    });
    freshContract = await created('POST', '/contracts', {
      ...contract,
      programmeId: roadsProgramme,
      signedAt: '2026-01-15',
      warrantyMonths: 36,
    });
  });

  const envelope = <P extends object>(
    eventType: string,
    streamType: string,
    streamId: string,
    payload: P,
    actor = { id: 'inspector-1', role: 'inspector' },
  ) => testEnvelope(eventType, streamType, streamId, payload, { actor });

  const programme = async (id: string) => (await call('GET', `/programmes/${id}`)).body;
  const failWithOutput = withOutputOf(() => [service]);
  /** road-cases accepting the repair of a new case by Taraz Zhol LLP, produced to road-cases.events; the case and the envelope. */
  const repairAccepted = async (repair: Omit<RepairAcceptedV1, 'contractorBin'>) => {
    const caseId = randomUUID();
    const accepted: RepairAcceptedV1 = { ...repair, contractorBin: '123456789013' };
    const sent = envelope('RepairAccepted', 'RoadCase', caseId, accepted);
    await produce(TOPICS.roadCases, sent);
    return { caseId, sent };
  };

  it("turns a repair accepted outside warranty into an expenditure on the contract's programme", async () => {
    const { caseId, sent } = await repairAccepted({
      actualCostTiyn: 1_250_000,
      underWarranty: false,
      contractId: oldContract,
      onTime: true,
    });

    const row = await failWithOutput(
      eventually(
        () => programme(roadsProgramme),
        (p) => p.spentTiyn === 1_250_000,
        { ...WAIT, what: 'the repair spent on the programme' },
      ),
    );
    expect(row).toMatchObject({ allocationTiyn: 10_000_000, spentTiyn: 1_250_000 });
    const events = (await call('GET', `/programmes/${roadsProgramme}/history`, 'auditor')).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'ExpenditureRecorded',
      data: { amountTiyn: 1_250_000, contractId: oldContract, caseId },
    });
    // The actor as the upstream service stated it, and the service whose signature the message carried.
    expect(events.at(-1).metadata).toMatchObject({
      correlationId: sent.correlationId,
      causationId: sent.eventId,
      actorRole: 'inspector',
      actorVia: 'service:road-cases',
    });
  });

  it('records a repair under warranty against the contract, costing the programme nothing', async () => {
    await repairAccepted({ actualCostTiyn: 300_000, underWarranty: true, contractId: freshContract, onTime: false });

    const contract = await failWithOutput(
      eventually(
        async () => (await call('GET', `/contracts/${freshContract}`)).body,
        (c) => c.warrantyRepairs === 1,
        {
          ...WAIT,
          what: 'the warranty repair on the contract',
        },
      ),
    );
    expect(contract).toMatchObject({ warrantyRepairs: 1, warrantyRepairsCostTiyn: 300_000, paidTiyn: 0 });
    expect((await programme(roadsProgramme)).spentTiyn).toBe(1_250_000);
  });

  it("turns a paid fine into revenue of the district's revenue line, shown on the map", async () => {
    const fine: FinePaidV1 = {
      fineId: randomUUID(),
      amountTiyn: 1_389_000,
      district,
      paidAt: '2026-05-10T04:00:00.000Z',
    };
    await produce(
      TOPICS.fines,
      envelope('FinePaid', 'Fine', fine.fineId, fine, { id: 'payments-gateway', role: 'operator' }),
    );

    const line = await failWithOutput(
      eventually(
        () => programme(revenueLine),
        (p) => p.revenueTiyn === 1_389_000,
        { ...WAIT, what: 'the fine as revenue' },
      ),
    );
    expect(line).toMatchObject({ direction: 'revenue', revenueTiyn: 1_389_000, spentTiyn: 0 });
    const map = (await call('GET', '/map?fiscalYear=2026')).body;
    expect(map.districts.find((d: { district: string }) => d.district === district)).toMatchObject({
      revenueTiyn: 1_389_000,
      spentTiyn: 1_250_000,
    });
  });

  /** A counter's value on /metrics for the given labels (0 while it has no sample). */
  const counter = (name: string, labels: Record<string, string>) => scrapedMetric(service, name, labels);

  it('counts a fine delivered twice once', async () => {
    const before = (await programme(revenueLine)).revenueTiyn;
    const fine: FinePaidV1 = {
      fineId: randomUUID(),
      amountTiyn: 500_000,
      district,
      paidAt: '2026-06-01T10:00:00.000Z',
    };
    const twice = envelope('FinePaid', 'Fine', fine.fineId, fine, { id: 'payments-gateway', role: 'operator' });
    await produce(TOPICS.fines, twice);
    await produce(TOPICS.fines, twice);

    // The second copy is the stream's last version again with the same hash: ignored before it reaches the handler.
    await failWithOutput(
      eventually(
        () => counter('messages_stale_ignored_total', { topic: physicalTopic(ns, TOPICS.fines) }),
        (n) => n >= 1,
        {
          ...WAIT,
          what: 'the redelivery ignored by the chain check',
        },
      ),
    );
    expect((await programme(revenueLine)).revenueTiyn).toBe(before + 500_000);
  });

  it('parks a fine paid where no revenue line exists yet, and books it by itself once the line is published', async () => {
    const elsewhere = `Nowhere-${randomUUID().slice(0, 8)}`;
    const fine: FinePaidV1 = {
      fineId: randomUUID(),
      amountTiyn: 100,
      district: elsewhere,
      paidAt: '2026-06-01T10:00:00.000Z',
    };
    await produce(TOPICS.fines, envelope('FinePaid', 'Fine', fine.fineId, fine));
    const parked = await failWithOutput(
      eventually(
        async () => (await call('GET', '/ops/parked', 'operator')).body,
        (p) => p.items?.some((i: { streamId: string }) => i.streamId === fine.fineId),
        {
          ...WAIT,
          what: 'the fine parked',
        },
      ),
    );
    expect(parked.items.find((i: { streamId: string }) => i.streamId === fine.fineId)).toMatchObject({
      reason: 'awaiting_fact',
      awaits: `fine revenue line of ${elsewhere} for 2026`,
      eventType: 'FinePaid',
    });
    expect(await counter('consumer_parked_messages', { reason: 'awaiting_fact' })).toBeGreaterThanOrEqual(1);
    // The operators' CLI lists the same, and exits 1 while anything waits.
    const cli = await new Promise<{ code: number | null; out: string }>((resolve) => {
      execFile(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'scripts/parked-list.ts', '--service', 'budgets'],
        { env: { ...process.env, DATABASE_URL: db.url }, timeout: 60_000 },
        (error, stdout) => resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, out: stdout }),
      );
    });
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`FinePaid ${fine.fineId}@1`);
    expect(cli.out).toContain(`awaits fine revenue line of ${elsewhere} for 2026`);

    // The awaited fact: the district's akimat publishes its fine revenue line.
    const bin = validBin();
    await created('POST', '/institutions', {
      bin,
      name: `Akimat of ${elsewhere}`,
      district: elsewhere,
      kind: 'akimat',
    });
    const line = await created('POST', '/programmes', {
      institutionBin: bin,
      fiscalYear: 2026,
      code: '204-101',
      name: 'Administrative fines',
      purpose: 'fine_revenue',
      allocationTiyn: 1_000,
    });
    const booked = await failWithOutput(
      eventually(
        () => programme(line),
        (p) => p.revenueTiyn === 100,
        { ...WAIT, what: 'the parked fine booked as revenue' },
      ),
    );
    expect(booked.revenueTiyn).toBe(100);
    expect((await call('GET', '/ops/parked', 'citizen')).status).toBe(403);
    // The outbox side: nothing set aside (GET /ops/outbox/quarantine), and the route is the operators' and auditors'.
    expect((await call('GET', '/ops/outbox/quarantine', 'auditor')).body).toEqual({
      counts: { quarantined: 0, held: 0 },
      items: [],
      page: 1,
      limit: 50,
      total: 0,
    });
    expect((await call('GET', '/ops/outbox/quarantine', 'official')).status).toBe(403);
    const after = (await call('GET', '/ops/parked', 'operator')).body;
    expect(after.items.some((i: { streamId: string }) => i.streamId === fine.fineId)).toBe(false);
    expect(await counter('messages_dead_lettered_total', { topic: physicalTopic(ns, TOPICS.fines) })).toBe(0);
  });

  it('flags the programme a forwarded budget report doubts, until a moderator resolves it', async () => {
    const reportId = randomUUID();
    const report: ReportForwardedV1 = {
      reportId,
      kind: 'budget_execution',
      institutionBin: akimat,
      programmeCode: '451-015',
      fiscalYear: 2026,
      doubt: 'The same street was paid twice',
      amountInQuestionTiyn: 1_250_000,
    };
    await produce(
      TOPICS.monitoring,
      envelope('ReportForwarded', 'Report', reportId, report, { id: 'moderator-1', role: 'moderator' }),
    );

    const flagged = await failWithOutput(
      eventually(
        () => programme(roadsProgramme),
        (p) => p.flagged,
        { ...WAIT, what: 'the programme flagged' },
      ),
    );
    expect(flagged.openFlags).toEqual([reportId]);
    expect(
      (await call('GET', '/programmes?flagged=true&year=2026')).body.items.map((p: { id: string }) => p.id),
    ).toContain(roadsProgramme);
    const map = (await call('GET', '/map?fiscalYear=2026')).body;
    expect(map.districts.find((d: { district: string }) => d.district === district).flaggedProgrammes).toBe(1);
    const events = (await call('GET', `/programmes/${roadsProgramme}/history`, 'auditor')).body.events;
    expect(events.at(-1)).toMatchObject({
      type: 'ProgrammeFlagged',
      data: { reportId, doubt: 'The same street was paid twice', amountInQuestionTiyn: 1_250_000 },
    });

    const resolved = await call('POST', `/programmes/${roadsProgramme}/resolve-flag`, 'moderator', {
      reportId,
      outcome: 'dismissed',
      note: 'two different segments',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.openFlags).toEqual([]);
    expect((await programme(roadsProgramme)).flagged).toBe(false);
  });

  it('publishes ContractSigned on budgets.events in exactly the ContractSignedV1 shape', async () => {
    const seen = await collect(TOPICS.budgets);

    const signed = await eventually(
      async () => seen.find((e) => e.eventType === 'ContractSigned' && e.streamId === oldContract),
      (e) => e !== undefined,
      {
        ...WAIT,
        what: 'ContractSigned on budgets.events',
      },
    );
    expect(signed!.payload).toEqual({
      contractId: oldContract,
      programmeId: roadsProgramme,
      contractorBin: '123456789013',
      contractorName: 'Taraz Zhol LLP',
      roadSegment: { roadName: 'Tole bi', fromKm: 1, toKm: 3 },
      amountTiyn: 3_000_000,
      signedAt: '2020-01-31',
      warrantyMonths: 1,
      warrantyEndsAt: '2020-02-29',
    });
    await eventually(
      async () => seen.map((e) => e.eventType),
      (types) =>
        [
          'ExpenditureRecorded',
          'RevenueReceived',
          'WarrantyRepairRecorded',
          'ProgrammeFlagged',
          'ProgrammeFlagResolved',
        ].every((t) => types.includes(t)),
      {
        ...WAIT,
        what: 'the intake events published',
      },
    );
  });
});
