import { createHash, createHmac, randomUUID } from 'node:crypto';
import {
  TOPICS,
  type CaseClosedV1,
  type CaseOpenedV1,
  type IntegrationEnvelope,
  type ProgrammeFlagResolvedV1,
} from '@app/contracts';
import { bearer, eventually, http, TestChain, TEST_PERSONAL_DATA_KEY_ID, testPersonalDataSecret } from '@app/testing';
import { kafkaUnderTest, MONITORING_TOPICS } from '../support/kafka-under-test';
import { spawnedService } from '../support/spawned-services';
import { budgetReportBody, roadReportBody, TOLE_BI_POTHOLE } from '../support/report-bodies';

// monitoring as its own process on real Postgres and Kafka. The test plays road-cases: it reads what monitoring
// publishes on monitoring.events and produces road-cases' envelopes to road-cases.events.
describe('monitoring: from the club to a road case and back', () => {
  const kafka = kafkaUnderTest('e2e-monitoring', MONITORING_TOPICS);
  const { service } = spawnedService('monitoring', 'monitoring_e2e', { kafkaNamespace: kafka.ns });
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  const CONTACT = { name: 'Aigerim Sadykova', phone: '+77011234567', email: 'aigerim@example.kz' };
  const IIN = '900101300123';
  const published: IntegrationEnvelope[] = [];
  const raw: string[] = [];
  kafka.reading(TOPICS.monitoring, (message) => {
    raw.push(message.value!.toString());
    published.push(JSON.parse(message.value!.toString()));
  });
  /** The event of `eventType` on stream `streamId` among what monitoring published, once it is there. */
  const publishedEvent = (eventType: string, streamId: string, what = eventType) =>
    eventually(async () => published.find((e) => e.eventType === eventType && e.streamId === streamId), Boolean, {
      ...WAIT,
      what,
    });

  const citizen = () => bearer('citizen', 'citizen-e2e');
  const moderator = () => bearer('moderator');
  const api = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    http(method, `${service.url}${path}`, { headers, body });

  // Each upstream stream as its producer publishes it: versions in order, each chained to the one before.
  const chains = new Map<string, TestChain>();
  function roadCaseEnvelope<P extends object>(
    eventType: string,
    caseId: string,
    payload: P,
    correlationId: string,
    streamType = 'RoadCase',
  ): IntegrationEnvelope<P> {
    if (!chains.has(caseId)) chains.set(caseId, new TestChain(streamType, caseId));
    return chains.get(caseId)!.next(eventType, payload, { correlationId });
  }
  const produce = (...envelopes: IntegrationEnvelope<object>[]) => kafka.produce(TOPICS.roadCases, ...envelopes);

  async function acceptedReport(): Promise<{ id: string; correlationId: string }> {
    const correlationId = `corr-${randomUUID()}`;
    const filed = await api(
      'POST',
      '/reports',
      { ...citizen(), 'x-correlation-id': correlationId },
      { ...roadReportBody('Pothole by the school'), contact: CONTACT },
    );
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    expect((await api('POST', `/reports/${id}/start-review`, moderator(), {})).status).toBe(200);
    expect((await api('POST', `/reports/${id}/accept`, moderator(), { meetingDate: '2020-03-19' })).body.status).toBe(
      'accepted',
    );
    return { id, correlationId };
  }

  const mine = async (id: string) => {
    const response = await api('GET', '/reports/mine', citizen());
    return response.body.items.find((r: { id: string }) => r.id === id);
  };

  it('publishes a report the club accepted as ReportForwarded (ReportForwardedV1), with no contact anywhere on the topic', async () => {
    const { id } = await acceptedReport();
    const forwarded = await publishedEvent('ReportForwarded', id, 'ReportForwarded on monitoring.events');
    expect(forwarded).toMatchObject({
      streamType: 'Report',
      schemaVersion: 1,
      streamVersion: 4,
      payload: {
        reportId: id,
        kind: 'road_defect',
        ...TOLE_BI_POTHOLE,
      },
    });
    const submitted = published.find((e) => e.eventType === 'ReportSubmitted' && e.streamId === id)!;
    expect(submitted.payload).toMatchObject({ reportId: id, anonymous: false });
    expect(submitted.payload).not.toHaveProperty('reporterId');
    expect(published.filter((e) => e.streamId === id).map((e) => e.eventType)).toEqual([
      'ReportSubmitted',
      'ReviewStarted',
      'ReportAccepted',
      'ReportForwarded',
    ]);
    for (const value of raw) expect(value).not.toMatch(/77011234567|aigerim@example\.kz|Sadykova/);
  });

  it('shows the citizen the case road-cases opened, resolves the report as fixed when the case closes, and lets the citizen reopen it', async () => {
    const { id, correlationId } = await acceptedReport();
    const caseId = randomUUID();
    const opened: CaseOpenedV1 = {
      caseId,
      ...TOLE_BI_POTHOLE,
      source: 'report',
      reportIds: [id],
      raidId: null,
      openedAt: new Date().toISOString(),
    };
    await produce(roadCaseEnvelope('CaseOpened', caseId, opened, correlationId));
    await eventually(
      () => mine(id),
      (r) => r?.caseId === caseId,
      { ...WAIT, what: "the case id on the citizen's report" },
    );

    // The case's life in road-cases (events monitoring does not handle), then its close, delivered twice: one effect.
    const lifecycle = chains.get(caseId)!.skip('CaseProgressed', 6);
    const closed = roadCaseEnvelope(
      'CaseClosed',
      caseId,
      { outcome: 'repaired', reportIds: [id] } satisfies CaseClosedV1,
      correlationId,
    );
    await produce(...lifecycle, closed, closed);
    const resolved = await eventually(
      () => mine(id),
      (r) => r?.status === 'resolved',
      { ...WAIT, what: 'the report resolved' },
    );
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'fixed', caseId });

    const history = await api('GET', `/reports/${id}/history`, bearer('auditor'));
    const last = history.body.events.at(-1);
    expect(last).toMatchObject({ type: 'ReportResolved', data: { outcome: 'fixed', caseId, source: 'road-cases' } });
    expect(last.metadata.correlationId).toBe(correlationId);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'ReportResolved')).toHaveLength(1);
    await publishedEvent('ReportResolved', id, 'ReportResolved published');

    const other = await api('POST', `/reports/${id}/reopen`, bearer('citizen', 'someone-else'), { reason: 'not mine' });
    expect(other.status).toBe(403);
    const reopened = await api('POST', `/reports/${id}/reopen`, citizen(), { reason: 'The pothole is back' });
    expect(reopened.body).toMatchObject({ status: 'submitted' });
  });

  it('closes without fix the reports of a case road-cases rejects, knowing them from the case it opened', async () => {
    const first = await acceptedReport();
    const second = await acceptedReport();
    const caseId = randomUUID();
    const opened: CaseOpenedV1 = {
      caseId,
      ...TOLE_BI_POTHOLE,
      source: 'report',
      reportIds: [first.id],
      raidId: null,
      openedAt: new Date().toISOString(),
    };
    await produce(
      roadCaseEnvelope('CaseOpened', caseId, opened, first.correlationId),
      roadCaseEnvelope(
        'ReportLinkedToCase',
        caseId,
        { reportId: second.id, source: 'report', raidId: null },
        second.correlationId,
      ),
      roadCaseEnvelope('CaseRejected', caseId, { reason: 'Not a road defect' }, first.correlationId),
    );
    for (const { id } of [first, second]) {
      const report = await eventually(
        () => mine(id),
        (r) => r?.status === 'resolved',
        { ...WAIT, what: `report ${id} closed without fix` },
      );
      expect(report).toMatchObject({ outcome: 'closed_without_fix', reason: 'Not a road defect', caseId });
    }
  });

  it("publishes a raid's defect as DefectFound and its offence as OffenceRecorded with the IIN only under a keyed digest, no name or plate", async () => {
    const raid = (
      await api('POST', '/raids', moderator(), {
        title: 'Trucks on A-2',
        district: 'Taraz',
        plannedFor: '2020-03-12T04:00:00Z',
      })
    ).body.id;
    await api('POST', `/raids/${raid}/conduct`, moderator(), { participants: ['moderator-1'] });
    const defect = await api('POST', `/raids/${raid}/defects`, moderator(), {
      location: { lat: 42.91, lon: 71.38 },
      address: 'A-2 km 12',
      defectType: 'rutting',
    });
    await api('POST', `/raids/${raid}/offences`, bearer('inspector'), {
      offenceType: 'truck_overload',
      offenderCategory: 'individual',
      offenderName: 'A. Driver',
      offenderIin: IIN,
      vehiclePlate: '123ABC08',
      place: 'A-2 km 12',
      committedAt: '2020-03-12T05:30:00Z',
      evidence: ['https://evidence.example/weigh.jpg'],
    });
    const found = await publishedEvent('DefectFound', raid);
    expect(found!.payload).toMatchObject({
      raidId: raid,
      defectId: defect.body.defectId,
      district: 'Taraz',
      defectType: 'rutting',
    });
    const offence = await publishedEvent('OffenceRecorded', raid);
    // The IIN only as its HMAC under the shared key (computed here from the definition); no name, no plate.
    expect(offence!.schemaVersion).toBe(2);
    expect(offence!.payload).toMatchObject({
      offenderIinHmacSha256: createHmac('sha256', Buffer.from(testPersonalDataSecret(), 'base64'))
        .update(`iin:${IIN}`)
        .digest('hex'),
      offenderIinKeyId: TEST_PERSONAL_DATA_KEY_ID,
    });
    expect(offence!.payload).not.toHaveProperty('offenderName');
    expect(offence!.payload).not.toHaveProperty('vehiclePlate');
    const unkeyed = createHash('sha256').update(IIN).digest('hex');
    for (const value of raw) expect(value).not.toMatch(new RegExp(`${IIN}|${unkeyed}|A\\. Driver|123ABC08`));
  });

  it('resolves a budget doubt the club forwarded to budgets when budgets resolves the programme flag', async () => {
    const filed = await api('POST', '/reports', citizen(), budgetReportBody('123456789012', 2020));
    const id = filed.body.id;
    await api('POST', `/reports/${id}/start-review`, moderator(), {});
    await api('POST', `/reports/${id}/accept`, moderator(), { meetingDate: '2020-03-19' });
    const forwarded = await publishedEvent('ReportForwarded', id);
    expect(forwarded!.payload).toMatchObject({
      reportId: id,
      kind: 'budget_execution',
      institutionBin: '123456789012',
      programmeCode: '001',
      fiscalYear: 2020,
      doubt: 'Kerb paid twice',
      amountInQuestionTiyn: 12_500_000,
    });

    const programmeId = randomUUID();
    const flagResolved: ProgrammeFlagResolvedV1 = {
      programmeId,
      reportId: id,
      outcome: 'corrected',
      note: 'Second payment returned',
    };
    // The programme's stream as budgets publishes it: published, flagged, then the flag resolved.
    const programme = new TestChain('Programme', programmeId);
    const before = programme.skip('ProgrammeEvent', 2);
    const envelope = programme.next('ProgrammeFlagResolved', flagResolved);
    await kafka.produce(TOPICS.budgets, ...before, envelope);
    const report = await eventually(
      () => mine(id),
      (r) => r?.status === 'resolved',
      { ...WAIT, what: 'the budget doubt resolved' },
    );
    expect(report).toMatchObject({ outcome: 'fixed', reason: 'corrected: Second payment returned', caseId: null });
  });
});
