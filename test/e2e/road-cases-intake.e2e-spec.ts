import { randomUUID } from 'node:crypto';
import {
  MESSAGE_HEADERS,
  TOPICS,
  type ContractSignedV1,
  type DefectFoundV1,
  type IntegrationEnvelope,
  type ReportForwardedV1,
} from '@app/contracts';
import { physicalTopic } from '@app/messaging';
import { bearer, eventually, http } from '@app/testing';
import { kafkaUnderTest, ROAD_CASES_TOPICS } from '../support/kafka-under-test';
import { scrapedMetric } from '../support/metric-samples';
import { withOutputOf } from '../support/service-calls';
import { spawnedService } from '../support/spawned-services';
import { GENESIS, testEnvelope } from '../support/test-envelopes';

// road-cases as its own process on real Postgres and Kafka. The test plays monitoring and budgets: it produces
// their integration envelopes straight to the namespaced monitoring.events and budgets.events topics, and reads
// what road-cases publishes on road-cases.events.
describe('road-cases intake over Kafka', () => {
  // Auto-creation is off: the topics exist before anyone produces.
  const { ns, produce, read } = kafkaUnderTest('e2e-road-cases', ROAD_CASES_TOPICS);
  const { service } = spawnedService('road-cases', 'road_cases_intake', { kafkaNamespace: ns });
  const HEX64 = /^[0-9a-f]{64}$/;
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };

  // What the scenarios share: the first pothole case and the reports/envelopes that shaped it.
  const correlationId = `corr-${randomUUID()}`;
  const report1 = randomUUID();
  const report2 = randomUUID();
  const report3 = randomUUID();
  const report4 = randomUUID();
  const report5 = randomUUID();
  const raidId = randomUUID();
  const defectId = randomUUID();
  const contractId = randomUUID();
  let report1EventId: string;
  let case1Id: string;

  // ---- producing as monitoring and budgets -------------------------------------------------------------------

  const envelope = <P extends object>(
    eventType: string,
    streamType: string,
    streamId: string,
    payload: P,
    options: { correlationId?: string; actor?: { id: string; role: string } } = {},
  ) =>
    testEnvelope(eventType, streamType, streamId, payload, {
      actor: { id: 'moderator-1', role: 'moderator' },
      ...options,
    });

  function roadReport(
    reportId: string,
    lat: number,
    lon: number,
    defectType: ReportForwardedV1['defectType'],
    correlation?: string,
  ) {
    const payload: ReportForwardedV1 = {
      reportId,
      kind: 'road_defect',
      location: { lat, lon },
      district: 'Taraz',
      address: 'Tole bi st. 12',
      defectType,
      description: `citizen report ${reportId}`,
    };
    return envelope('ReportForwarded', 'Report', reportId, payload, { correlationId: correlation });
  }

  // ---- reading road-cases ---------------------------------------------------------------------------------------

  const official = () => bearer('official');

  async function potholeCases(): Promise<{ total: number; items: any[] }> {
    const response = await http('GET', `${service.url}/cases?defectType=pothole&limit=200`, { headers: official() });
    if (response.status !== 200)
      throw new Error(`GET /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function casesOf(defectType: string): Promise<any[]> {
    const response = await http('GET', `${service.url}/cases?defectType=${defectType}&limit=200`, {
      headers: official(),
    });
    if (response.status !== 200)
      throw new Error(`GET /cases answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.items;
  }

  async function caseById(id: string): Promise<any> {
    const response = await http('GET', `${service.url}/cases/${id}`, { headers: official() });
    if (response.status !== 200)
      throw new Error(`GET /cases/${id} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function history(id: string): Promise<any[]> {
    const response = await http('GET', `${service.url}/cases/${id}/history`, { headers: bearer('auditor') });
    if (response.status !== 200)
      throw new Error(`GET /cases/${id}/history answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body.events;
  }

  /** A counter's value on /metrics for the given labels (0 while it has no sample). */
  const counter = (name: string, labels: Record<string, string>) => scrapedMetric(service, name, labels);

  const failWithOutput = withOutputOf(() => [service]);

  // ---- scenarios ------------------------------------------------------------------------------------------------

  it('opens a case from a forwarded road-defect report, carrying the correlation id into its history', async () => {
    const forwarded = roadReport(report1, 42.9, 71.3667, 'pothole', correlationId);
    report1EventId = forwarded.eventId;
    await produce(TOPICS.monitoring, forwarded);

    const board = await failWithOutput(
      eventually(potholeCases, (b) => b.items.some((c: any) => c.reportIds.includes(report1)), {
        ...WAIT,
        what: 'a pothole case for report 1',
      }),
    );
    expect(board.total).toBe(1);
    const opened = board.items[0];
    case1Id = opened.id;
    expect(opened).toMatchObject({
      reportIds: [report1],
      source: 'report',
      status: 'opened',
      district: 'Taraz',
      defectType: 'pothole',
      lat: 42.9,
      lon: 71.3667,
    });

    const events = await history(case1Id);
    expect(events.map((e) => e.type)).toEqual(['CaseOpened']);
    expect(events[0].metadata).toMatchObject({
      correlationId,
      causationId: forwarded.eventId,
      actorId: 'moderator-1',
      actorRole: 'moderator',
    });
    expect(events[0].data).toMatchObject({ caseId: case1Id, source: 'report', reportIds: [report1], raidId: null });
  });

  it('links a report ~30 m away to that case, and opens separate cases for another defect type and for a pothole ~200 m away', async () => {
    await produce(TOPICS.monitoring, roadReport(report2, 42.90027, 71.3667, 'pothole'));
    const linked = await failWithOutput(
      eventually(
        () => caseById(case1Id),
        (c) => c.reportIds.includes(report2),
        { ...WAIT, what: 'report 2 linked to the first case' },
      ),
    );
    expect(linked.reportIds).toEqual([report1, report2]);
    expect((await potholeCases()).total).toBe(1);
    const linkEvents = (await history(case1Id)).filter((e) => e.type === 'ReportLinkedToCase');
    expect(linkEvents.map((e) => e.data)).toEqual([{ reportId: report2, source: 'report', raidId: null }]);

    // A crack at the very same spot, and a pothole ~200 m north.
    await produce(
      TOPICS.monitoring,
      roadReport(report3, 42.9, 71.3667, 'crack'),
      roadReport(report4, 42.9018, 71.3667, 'pothole'),
    );
    const cracks = await eventually(
      () => casesOf('crack'),
      (items) => items.some((c) => c.reportIds.includes(report3)),
      {
        ...WAIT,
        what: 'a crack case for report 3',
      },
    );
    expect(cracks).toHaveLength(1);
    expect(cracks[0]).toMatchObject({ reportIds: [report3], source: 'report', status: 'opened' });
    expect(cracks[0].id).not.toBe(case1Id);

    const potholes = await eventually(potholeCases, (b) => b.items.some((c: any) => c.reportIds.includes(report4)), {
      ...WAIT,
      what: 'a pothole case for report 4',
    });
    expect(potholes.total).toBe(2);
    const far = potholes.items.find((c: any) => c.reportIds.includes(report4));
    expect(far.id).not.toBe(case1Id);
    expect(far).toMatchObject({ reportIds: [report4], source: 'report', status: 'opened', lat: 42.9018 });
    expect((await caseById(case1Id)).reportIds).toEqual([report1, report2]);
  });

  it('links a raid defect found within 50 m to the first case, as a raid source', async () => {
    const found: DefectFoundV1 = {
      raidId,
      defectId,
      location: { lat: 42.9, lon: 71.367 },
      district: 'Taraz',
      address: 'Tole bi st. 14',
      defectType: 'pothole',
      description: 'found on a raid',
    };
    await produce(
      TOPICS.monitoring,
      envelope('DefectFound', 'Raid', raidId, found, { actor: { id: 'inspector-7', role: 'inspector' } }),
    );

    const linked = await failWithOutput(
      eventually(
        () => caseById(case1Id),
        (c) => c.reportIds.includes(defectId),
        { ...WAIT, what: 'the raid defect linked to the first case' },
      ),
    );
    expect(linked.reportIds).toEqual([report1, report2, defectId]);
    expect((await potholeCases()).total).toBe(2);
    const last = (await history(case1Id)).at(-1);
    expect(last).toMatchObject({ type: 'ReportLinkedToCase', data: { reportId: defectId, source: 'raid', raidId } });
    expect(last.metadata).toMatchObject({ actorId: 'inspector-7', actorRole: 'inspector' });
  });

  it('has one effect for the same ReportForwarded envelope delivered twice', async () => {
    const consumer = { consumer: 'road-cases' };
    const ignoredBefore = await counter('messages_redelivered_ignored_total', consumer);
    const twice = roadReport(report5, 42.9001, 71.3667, 'pothole');
    await produce(TOPICS.monitoring, twice, twice);

    await failWithOutput(
      eventually(
        () => caseById(case1Id),
        (c) => c.reportIds.includes(report5),
        { ...WAIT, what: 'report 5 linked to the first case' },
      ),
    );
    // The second delivery repeats the stream's last version and hash: ignored before it reaches the handler.
    await eventually(
      () => counter('messages_redelivered_ignored_total', consumer),
      (n) => n >= ignoredBefore + 1,
      {
        ...WAIT,
        what: 'the redelivery ignored',
      },
    );
    const after = await caseById(case1Id);
    expect(after.reportIds).toEqual([report1, report2, defectId, report5]);
    expect((await potholeCases()).total).toBe(2);
    const links = (await history(case1Id)).filter(
      (e) => e.type === 'ReportLinkedToCase' && e.data.reportId === report5,
    );
    expect(links).toHaveLength(1);
  });

  it('assigns the first case under a contract signed in budgets, with warranty, and refuses another BIN and an unknown contract', async () => {
    const signedAt = new Date();
    const warrantyEnds = new Date(signedAt);
    warrantyEnds.setUTCFullYear(warrantyEnds.getUTCFullYear() + 2);
    const signed: ContractSignedV1 = {
      contractId,
      programmeId: `prog-${randomUUID()}`,
      contractorBin: '123456789012',
      contractorName: 'Taraz Zhol LLP',
      roadSegment: { roadName: 'Tole bi', fromKm: 1.2, toKm: 3.4 },
      amountTiyn: 1_500_000_000,
      signedAt: signedAt.toISOString(),
      warrantyMonths: 24,
      warrantyEndsAt: warrantyEnds.toISOString(),
    };
    const budgetsTopic = physicalTopic(ns, TOPICS.budgets);
    await produce(
      TOPICS.budgets,
      envelope('ContractSigned', 'Contract', contractId, signed, { actor: { id: 'official-1', role: 'official' } }),
    );
    await failWithOutput(
      eventually(
        () => counter('messages_consumed_total', { topic: budgetsTopic, event_type: 'ContractSigned' }),
        (n) => n >= 1,
        {
          ...WAIT,
          what: 'ContractSigned consumed',
        },
      ),
    );

    const verified = await http('POST', `${service.url}/cases/${case1Id}/verify`, {
      headers: bearer('inspector'),
      body: { severity: 'medium', areaM2: 1.5, estimatedCostTiyn: 2_500_000 },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ id: case1Id, status: 'verified' });

    const otherBin = await http('POST', `${service.url}/cases/${case1Id}/assign`, {
      headers: official(),
      body: { contractorBin: '999999999999', contractId },
    });
    expect(otherBin.status).toBe(400);
    expect(otherBin.body).toMatchObject({ field: 'contractorBin', warrantyContractorBin: '123456789012' });

    const unknown = await http('POST', `${service.url}/cases/${case1Id}/assign`, {
      headers: official(),
      body: { contractorBin: '123456789012', contractId: randomUUID() },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found', resource: 'Contract' });
    expect((await caseById(case1Id)).status).toBe('verified');

    const assigned = await http('POST', `${service.url}/cases/${case1Id}/assign`, {
      headers: official(),
      body: { contractorBin: '123456789012', contractId },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: case1Id, status: 'assigned' });

    const row = await caseById(case1Id);
    expect(new Date(signed.warrantyEndsAt).getTime()).toBeGreaterThan(new Date(row.openedAt).getTime());
    expect(row).toMatchObject({
      status: 'assigned',
      contractId,
      contractorBin: '123456789012',
      underWarranty: true,
      severity: 'medium',
    });
    expect(Date.parse(row.dueAt)).toBeGreaterThan(Date.now());
    const assignedEvent = (await history(case1Id)).at(-1);
    expect(assignedEvent).toMatchObject({
      type: 'ContractorAssigned',
      data: { contractId, contractorBin: '123456789012', underWarranty: true, assignment: 1 },
    });
  });

  it('publishes its own events on road-cases.events: CaseOpened with the correlation id and the hash chain', async () => {
    const seen: Array<{ key: string | null; headers: Record<string, string>; envelope: IntegrationEnvelope }> = [];
    await read(TOPICS.roadCases, (message) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      seen.push({ key: message.key?.toString() ?? null, headers, envelope: JSON.parse(message.value!.toString()) });
    });

    const ofCase1 = () => seen.filter((m) => m.envelope.streamId === case1Id);
    // CaseOpened, ReportLinkedToCase x3, DefectVerified, ContractorAssigned.
    await eventually(
      async () => ofCase1().length,
      (n) => n >= 6,
      { ...WAIT, what: "the first case's six events on road-cases.events" },
    );

    const opened = ofCase1().find((m) => m.envelope.eventType === 'CaseOpened');
    expect(opened).toBeDefined();
    const { envelope: published, headers, key } = opened!;
    expect(key).toBe(case1Id);
    expect(published).toMatchObject({
      eventType: 'CaseOpened',
      schemaVersion: 1,
      streamType: 'RoadCase',
      streamId: case1Id,
      streamVersion: 1,
      correlationId,
      causationId: report1EventId,
      actor: { id: 'moderator-1', role: 'moderator' },
      payload: { caseId: case1Id, source: 'report', reportIds: [report1], defectType: 'pothole', district: 'Taraz' },
    });
    expect(headers).toMatchObject({
      [MESSAGE_HEADERS.eventId]: published.eventId,
      [MESSAGE_HEADERS.eventType]: 'CaseOpened',
      [MESSAGE_HEADERS.schemaVersion]: '1',
      [MESSAGE_HEADERS.correlationId]: correlationId,
    });
    expect(published.hash).toMatch(HEX64);
    expect(published.previousHash).toBe(GENESIS);

    // The envelopes carry the stored chain: same hashes as the history, each linked to the one before.
    const stored = await history(case1Id);
    const byVersion = new Map(ofCase1().map((m) => [m.envelope.streamVersion, m.envelope]));
    expect([...byVersion.keys()].sort((a, b) => a - b)).toEqual(stored.map((e) => e.streamVersion));
    for (const event of stored) {
      const envelopeOf = byVersion.get(event.streamVersion)!;
      expect(envelopeOf).toMatchObject({
        eventId: event.eventId,
        eventType: event.type,
        hash: event.hash,
        previousHash: event.previousHash,
      });
      expect(envelopeOf.hash).toMatch(HEX64);
    }
    for (let v = 2; v <= stored.length; v++) expect(byVersion.get(v)!.previousHash).toBe(byVersion.get(v - 1)!.hash);
    expect(byVersion.get(stored.length)!.eventType).toBe('ContractorAssigned');
  });
});
