import { randomUUID } from 'node:crypto';
import { TOPICS } from '@app/contracts';
import { addCalendarDays, almatyDate, binCheckDigit, kazakhstanCalendar } from '@app/domain-kernel';
import { createTestDatabase, eventually, http, type ServiceProcess, type TestDatabase } from '@app/testing';
import { controlNoticesProjection } from '../../../apps/monitoring/src/read-models/citizen-notices/control-notices.projection';
import { controlDocumentsProjection } from '../../../apps/monitoring/src/read-models/control-documents/control-documents.projection';
import { budgetReportBody, roadReportBody } from '../../support/report-bodies';
import { expectedInstitutionRow, institutionRow } from '../../support/public-control-rows';
import { kafkaUnderTest } from '../../support/kafka-under-test';
import { spawnService } from '../../support/spawned-services';
import { expectRebuildsIdentical, withServiceDataSource } from '../../support/service-data-sources';
import { callerOf, eventTypes } from '../../support/service-calls';

// The public-control loop of the Law "On Public Control" art. 13 on a real monitoring process, Postgres and Kafka:
// the club accepts a citizen's report, issues its final document to an institution and sends it; the institution's
// official answers one recommendation in time and not the other; the sweep marks it overdue; the club escalates it
// to an authorised body, whose liability decision is recorded. Every step is published on monitoring's topic.
describe('public control over HTTP', () => {
  const { ns, collecting } = kafkaUnderTest('public-control', [TOPICS.monitoring]);
  const INSTITUTION_BIN = '123456789013';
  const OTHER_BIN = '987654321090';
  let db: TestDatabase;
  let service: ServiceProcess;
  const published = collecting(TOPICS.monitoring);

  const call = callerOf(() => service);
  const asOfficial = (method: string, path: string, body: unknown, bin = INSTITUTION_BIN, headers = {}) =>
    call(method, path, 'official', body, headers, bin);

  beforeAll(async () => {
    db = await createTestDatabase('public_control');
    service = await spawnService('monitoring', db, 'public-control', {
      kafkaNamespace: ns,
      env: { PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS: '0' },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  async function acceptedReport(): Promise<string> {
    const filed = await call(
      'POST',
      '/reports',
      'citizen',
      budgetReportBody(INSTITUTION_BIN, 2025, { description: 'Kerb paid twice' }),
    );
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect((await call('POST', `/reports/${id}/start-review`, 'moderator', {})).status).toBe(200);
    expect((await call('POST', `/reports/${id}/accept`, 'moderator', { meetingDate: '2025-12-11' })).status).toBe(200);
    return id;
  }

  const today = () => almatyDate(new Date());
  const documentBody = (subjectId: string, overrides: object = {}) => ({
    subjectKind: 'report',
    subjectId,
    documentKind: 'recommendations',
    institutionBin: INSTITUTION_BIN,
    findings: 'The kerb on Tole bi was paid for twice in 2025',
    recommendations: ['Recover the second payment', 'Publish the acceptance acts'],
    controlEndedOn: today(),
    ...overrides,
  });

  it('walks the loop: issued and sent, one reply in time, one overdue, escalated, liability recorded', async () => {
    const reportId = await acceptedReport();
    const controlEndedOn = today();

    const issued = await call('POST', '/control-documents', 'moderator', documentBody(reportId));
    expect(issued.status).toBe(201);
    const sendDue = kazakhstanCalendar.addWorkingDays(controlEndedOn, 7);
    expect(issued.body).toMatchObject({
      status: 'issued',
      version: 1,
      sendDueOn: sendDue.day,
      replyDueOn: null,
      calendarUnverified: sendDue.calendarUnverified,
    });
    expect(issued.headers.get('etag')).toBe('"1"');
    const id = issued.body.id as string;

    // A stale If-Match is a 409; the right one sends it.
    expect((await call('POST', `/control-documents/${id}/send`, 'moderator', {}, { 'if-match': '"7"' })).status).toBe(
      409,
    );
    const sent = await call('POST', `/control-documents/${id}/send`, 'moderator', {}, { 'if-match': '"1"' });
    expect(sent.status).toBe(200);
    const replyDue = kazakhstanCalendar.addWorkingDays(today(), 10);
    expect(sent.body).toMatchObject({ status: 'sent', version: 2, replyDueOn: replyDue.day });

    // Only an official of the institution addressed answers; a moderator is not one at all.
    const reply = {
      position: 'accepted',
      reasoning: 'The second payment is being recovered',
      evidence: ['https://akimat.example/claim.pdf'],
    };
    expect(
      (await asOfficial('POST', `/control-documents/${id}/recommendations/1/reply`, reply, OTHER_BIN)).status,
    ).toBe(403);
    expect((await call('POST', `/control-documents/${id}/recommendations/1/reply`, 'moderator', reply)).status).toBe(
      403,
    );
    const answered = await asOfficial('POST', `/control-documents/${id}/recommendations/1/reply`, reply);
    expect(answered.status).toBe(201);
    const again = await asOfficial('POST', `/control-documents/${id}/recommendations/1/reply`, reply);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_replied');

    // Nothing is overdue today; the day after the reply deadline recommendation 2 is, once.
    const sweep = (asOf?: string) => call('POST', '/ops/overdue-sweep', 'operator', asOf ? { asOf } : {});
    expect((await sweep()).body.overdue).not.toContain(id);
    const afterDeadline = `${addCalendarDays(replyDue.day, 1)}T12:00:00+05:00`;
    const swept = await sweep(afterDeadline);
    expect(swept.status).toBe(200);
    expect(swept.body.overdue).toContain(id);
    expect((await sweep(afterDeadline)).body.overdue).not.toContain(id);

    const overdue = await call('GET', `/control-documents/${id}`, 'auditor');
    expect(overdue.status).toBe(200);
    expect(overdue.body).toMatchObject({
      documentId: id,
      status: 'sent',
      subjectKind: 'report',
      subjectId: reportId,
      institutionBin: INSTITUTION_BIN,
      controlEndedOn,
      sendDueOn: sendDue.day,
      sentLate: false,
      replyDueOn: replyDue.day,
      calendarUnverified: sendDue.calendarUnverified || replyDue.calendarUnverified,
    });
    expect(overdue.body.recommendations).toMatchObject([
      { number: 1, reply: { position: 'accepted', late: false }, replyOverdue: false, escalation: null },
      { number: 2, reply: null, replyOverdue: true, escalation: null },
    ]);

    // An accepted recommendation is not escalated; the unanswered one is, under the body's reference.
    const escalation = { authority: 'Prosecutor of Zhambyl region', authorityReference: 'PR-2026/17' };
    const refused = await call('POST', `/control-documents/${id}/recommendations/1/escalate`, 'moderator', escalation);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('not_escalatable');
    expect(
      (await call('POST', `/control-documents/${id}/recommendations/2/escalate`, 'moderator', escalation)).status,
    ).toBe(200);
    const outcome = await call('POST', `/control-documents/${id}/recommendations/2/outcome`, 'moderator', {
      liability: true,
      protocolNumber: 'AP-0042',
      fineId: 'fine-9',
      note: 'Administrative protocol against the akimat official',
    });
    expect(outcome.status).toBe(200);

    const settled = await call('GET', `/control-documents/${id}`, 'official', undefined, {}, INSTITUTION_BIN);
    expect(settled.body.recommendations[1]).toMatchObject({
      escalation: {
        grounds: 'unanswered',
        ...escalation,
        outcome: { liability: true, protocolNumber: 'AP-0042', fineId: 'fine-9' },
      },
    });
    expect(settled.headers.get('etag')).toBe(`"${settled.body.version}"`);

    const types = [
      'FinalDocumentIssued',
      'FinalDocumentSent',
      'RecommendationReplied',
      'RecommendationReplyOverdue',
      'RecommendationEscalated',
      'EscalationOutcomeRecorded',
    ];
    const history = await call('GET', `/control-documents/${id}/history`, 'auditor');
    expect(eventTypes(history)).toEqual(types);
    const asIssued = await call('GET', `/control-documents/${id}?asOf=1`, 'auditor');
    expect(asIssued.status).toBe(200);
    expect(asIssued.body).toMatchObject({ version: 1, status: 'issued', replyDueOn: null });

    // Each step reached monitoring's topic through the outbox, as its contract, in the stream's order.
    const onTopic = await eventually(
      async () => published.filter((e) => e.streamId === id),
      (events) => events.length === types.length,
      { what: 'the document events on the topic', timeoutMs: 60_000 },
    );
    expect(onTopic.map((e) => e.eventType)).toEqual(types);
    expect(onTopic[0]).toMatchObject({ streamType: 'ControlDocument', schemaVersion: 1 });
    expect(onTopic[3].payload).toMatchObject({ number: 2, replyDueOn: replyDue.day });
    expect(onTopic[5].payload).toMatchObject({ liability: true, protocolNumber: 'AP-0042' });

    const listed = await call(
      'GET',
      `/control-documents?institutionBin=${INSTITUTION_BIN}&subjectId=${reportId}`,
      'moderator',
    );
    expect(listed.body).toMatchObject({ total: 1, items: [{ documentId: id }] });
  });

  it('publishes the scoreboard without a token: per institution and district, answered on time, late, refused, escalated, per report', async () => {
    /** A valid BIN of its own for each institution here, so the other tests' documents stay out of its row. */
    const freshBin = (): string => {
      for (;;) {
        const head = String(Math.floor(Math.random() * 1e11)).padStart(11, '0');
        const check = binCheckDigit(head);
        if (check !== null) return `${head}${check}`;
      }
    };
    const [prompt, silent] = [freshBin(), freshBin()];
    const sentDocument = async (reportId: string, institutionBin: string, recommendations: string[]) => {
      const issued = await call(
        'POST',
        '/control-documents',
        'moderator',
        documentBody(reportId, { institutionBin, recommendations }),
      );
      expect(issued.status).toBe(201);
      expect((await call('POST', `/control-documents/${issued.body.id}/send`, 'moderator', {})).status).toBe(200);
      return issued.body.id as string;
    };
    // A road report names its district; the prompt institution answers both of its two reports' recommendations
    // in time (refusing one), the silent one answers none of its one.
    const roadReport = await call('POST', '/reports', 'citizen', roadReportBody('Pothole, patched twice'));
    expect(roadReport.status).toBe(201);
    const roadId = roadReport.body.id as string;
    expect((await call('POST', `/reports/${roadId}/start-review`, 'moderator', {})).status).toBe(200);
    expect((await call('POST', `/reports/${roadId}/accept`, 'moderator', { meetingDate: today() })).status).toBe(200);
    const first = await sentDocument(roadId, prompt, ['Repair with hot asphalt', 'Publish the contract']);
    const second = await sentDocument(await acceptedReport(), prompt, ['Recover the payment']);
    const unanswered = await sentDocument(await acceptedReport(), silent, [
      'Publish the acceptance acts',
      'Recover the payment',
    ]);
    const reply = (position: string) => ({ position, reasoning: 'Considered at the akimat meeting', evidence: [] });
    for (const [id, number, position] of [
      [first, 1, 'accepted'],
      [first, 2, 'refused'],
      [second, 1, 'partly_accepted'],
    ] as const)
      expect(
        (await asOfficial('POST', `/control-documents/${id}/recommendations/${number}/reply`, reply(position), prompt))
          .status,
      ).toBe(201);
    const replyDue = kazakhstanCalendar.addWorkingDays(today(), 10);
    const swept = await call('POST', '/ops/overdue-sweep', 'operator', {
      asOf: `${addCalendarDays(replyDue.day, 1)}T12:00:00+05:00`,
    });
    expect(swept.body.overdue).toContain(unanswered);
    const escalation = { authority: 'Prosecutor of Zhambyl region', authorityReference: 'PR-2026/18' };
    expect(
      (await call('POST', `/control-documents/${unanswered}/recommendations/1/escalate`, 'moderator', escalation))
        .status,
    ).toBe(200);

    const stats = await call('GET', '/reports/stats');
    expect(stats.status).toBe(200);
    expect(institutionRow(stats, prompt)).toEqual(
      expectedInstitutionRow(prompt, 2, { recommendations: 3, answeredOnTime: 3, late: 0, refused: 1, escalated: 0 }),
    );
    expect(institutionRow(stats, silent)).toEqual(
      expectedInstitutionRow(silent, 1, { recommendations: 2, answeredOnTime: 0, late: 2, refused: 0, escalated: 1 }),
    );
    // Taraz holds the road report's document alone; budget reports name no district.
    const taraz = stats.body.publicControl.byDistrict.find((r: { district: string | null }) => r.district === 'Taraz');
    expect(taraz).toMatchObject({ reports: 1, recommendations: 2, answeredOnTime: 2, refused: 1 });
    expect(stats.body.publicControl.byDistrict.some((r: { district: string | null }) => r.district === null)).toBe(
      true,
    );
    expect(JSON.stringify(stats.body.publicControl)).not.toMatch(/citizen|reporter/i);
  });

  it('issues one for a raid that took place, and schedules its hearing with the notice the article asks', async () => {
    const raid = await call('POST', '/raids', 'moderator', {
      title: 'Overloaded trucks',
      district: 'Taraz',
      plannedFor: new Date().toISOString(),
    });
    expect(raid.status).toBe(201);
    const raidId = raid.body.id as string;
    const body = documentBody(raidId, { subjectKind: 'raid', documentKind: 'protocol' });
    const notYet = await call('POST', '/control-documents', 'moderator', body);
    expect(notYet.status).toBe(409);
    expect(notYet.body).toMatchObject({
      error: 'subject_not_controlled',
      field: 'subjectId',
      subjectStatus: 'planned',
    });
    expect(
      (await call('POST', `/raids/${raidId}/conduct`, 'moderator', { participants: ['moderator-1'] })).status,
    ).toBe(200);
    const issued = await call('POST', '/control-documents', 'moderator', body);
    expect(issued.status).toBe(201);
    const id = issued.body.id as string;

    const tooSoon = await call('POST', `/control-documents/${id}/hearings`, 'moderator', {
      hearingAt: new Date(Date.now() + 3_600_000).toISOString(),
      place: 'Akimat hall',
    });
    expect(tooSoon.status).toBe(400);
    const earliest = kazakhstanCalendar.addWorkingDays(today(), 3).day;
    expect(tooSoon.body).toMatchObject({
      error: 'validation_failed',
      field: 'hearingAt',
      earliestOn: earliest,
    });
    const hearing = await call('POST', `/control-documents/${id}/hearings`, 'moderator', {
      hearingAt: `${earliest}T15:00:00+05:00`,
      place: 'Akimat hall',
    });
    expect(hearing.status).toBe(201);
    const row = await call('GET', `/control-documents/${id}`, 'inspector');
    expect(row.body.hearings).toMatchObject([
      { hearingId: hearing.body.hearingId, earliestOn: earliest, place: 'Akimat hall' },
    ]);
  });

  it('answers hostile and wrong input with a 4xx naming the field or the thing', async () => {
    const reportId = await acceptedReport();
    const post = (body: unknown) => call('POST', '/control-documents', 'moderator', body);
    const field = async (body: unknown) => {
      const answer = await post(body);
      return { status: answer.status, field: answer.body?.field };
    };
    const tomorrow = addCalendarDays(today(), 2);
    // Each body is refused with a 400 naming the field it got wrong.
    const refusals: [body: object, field: string][] = [
      [documentBody(reportId, { institutionBin: '12345' }), 'institutionBin'],
      [documentBody(reportId, { institutionBin: '123456789012' }), 'institutionBin'],
      [documentBody('not-a-uuid'), 'subjectId'],
      [documentBody(reportId, { subjectKind: 'case' }), 'subjectKind'],
      [documentBody(reportId, { recommendations: [] }), 'recommendations'],
      [documentBody(reportId, { recommendations: 'do better' }), 'recommendations'],
      [documentBody(reportId, { controlEndedOn: '2025-02-30' }), 'controlEndedOn'],
      [documentBody(reportId, { controlEndedOn: tomorrow }), 'controlEndedOn'],
      [{ ...documentBody(reportId), status: 'sent' }, 'status'],
      [documentBody(reportId, { findings: { $gt: '' } }), 'findings'],
    ];
    for (const [body, name] of refusals) expect(await field(body)).toEqual({ status: 400, field: name });

    const missing = await post(documentBody(randomUUID()));
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ resource: 'Report' });
    // A raid's id is not a report.
    const raid = await call('POST', '/raids', 'moderator', {
      title: 'Night',
      district: 'Taraz',
      plannedFor: new Date().toISOString(),
    });
    expect((await post(documentBody(raid.body.id))).status).toBe(404);

    const submitted = await call('POST', '/reports', 'citizen', {
      kind: 'budget_execution',
      budget: {
        institutionBin: INSTITUTION_BIN,
        programmeCode: '001',
        fiscalYear: 2025,
        doubt: 'x',
        amountInQuestionTiyn: 1,
      },
    });
    expect((await post(documentBody(submitted.body.id))).status).toBe(409);
    expect((await call('POST', '/control-documents', 'citizen', documentBody(reportId))).status).toBe(403);
    expect((await call('POST', '/control-documents', undefined, documentBody(reportId))).status).toBe(401);

    const issued = await post(documentBody(reportId));
    const id = issued.body.id as string;
    const replyPath = (n: string) => `/control-documents/${id}/recommendations/${n}/reply`;
    const reply = { position: 'refused', reasoning: 'No money' };
    // Not sent yet: no reply.
    expect((await asOfficial('POST', replyPath('1'), reply)).status).toBe(409);
    expect((await call('POST', `/control-documents/${id}/send`, 'moderator', {})).status).toBe(200);
    const badNumber = await asOfficial('POST', replyPath('abc'), reply);
    expect({ status: badNumber.status, field: badNumber.body.field }).toEqual({
      status: 400,
      field: 'number',
    });
    const unknown = await asOfficial('POST', replyPath('9'), reply);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ resource: 'Recommendation', id: `${id}#9` });
    for (const [body, name] of [
      [{ ...reply, position: 'maybe' }, 'position'],
      [{ ...reply, reasoning: '' }, 'reasoning'],
      [{ position: 'refused' }, 'reasoning'],
      [{ ...reply, evidence: ['javascript:alert(1)'] }, 'evidence'],
    ] as const) {
      const answer = await asOfficial('POST', replyPath('1'), body);
      expect({ name, status: answer.status, field: answer.body.field }).toEqual({
        name,
        status: 400,
        field: name,
      });
    }
    // A token without a BIN is no institution's official.
    expect((await call('POST', replyPath('1'), 'official', reply)).status).toBe(403);

    // A refused recommendation is escalated at once; its outcome needs a protocol number with liability.
    expect((await asOfficial('POST', replyPath('1'), reply)).status).toBe(201);
    const escalate = (body: unknown) =>
      call('POST', `/control-documents/${id}/recommendations/1/escalate`, 'moderator', body);
    const noReference = await escalate({ authority: 'Prosecutor' });
    expect({ status: noReference.status, field: noReference.body.field }).toEqual({
      status: 400,
      field: 'authorityReference',
    });
    expect((await escalate({ authority: 'Prosecutor', authorityReference: 'PR-1' })).status).toBe(200);
    expect((await escalate({ authority: 'Prosecutor', authorityReference: 'PR-1' })).status).toBe(409);
    const outcomePath = `/control-documents/${id}/recommendations/1/outcome`;
    for (const [body, name] of [
      [{ liability: true }, 'protocolNumber'],
      [{ liability: 'yes', protocolNumber: 'AP-1' }, 'liability'],
      [{ liability: false, fineId: 'fine-1' }, 'fineId'],
    ] as const) {
      const answer = await call('POST', outcomePath, 'moderator', body);
      expect({ name, status: answer.status, field: answer.body.field }).toEqual({
        name,
        status: 400,
        field: name,
      });
    }
    expect(
      (await call('POST', `/control-documents/${id}/recommendations/2/outcome`, 'moderator', { liability: false }))
        .status,
    ).toBe(409);

    expect((await call('GET', `/control-documents/${randomUUID()}`, 'auditor')).status).toBe(404);
    expect((await call('GET', `/control-documents/${randomUUID()}/history`, 'auditor')).status).toBe(404);
    expect((await call('GET', `/control-documents/${id}`, 'citizen')).status).toBe(403);
    expect((await call('GET', '/control-documents?institutionBin=abc', 'auditor')).body.field).toBe('institutionBin');
    expect((await call('POST', '/ops/overdue-sweep', 'operator', { asOf: 'tomorrow' })).status).toBe(400);
    expect((await call('POST', '/ops/overdue-sweep', 'moderator', {})).status).toBe(403);
  });

  // Runs last: the documents of the tests above, every step of the loop among them, are its material.
  it('rebuilds the documents and the notices of each step from the events, identical to the live ones', async () => {
    const counted = await http('GET', `${service.url}/feeds/institutions/${INSTITUTION_BIN}?lang=en&limit=100`);
    expect(counted.body).toContain('was referred to Prosecutor of Zhambyl region (reference PR-2026/17)');
    await withServiceDataSource(db.url, 'monitoring', 'public-control-rebuild', async (dataSource) => {
      await expectRebuildsIdentical(dataSource, 'monitoring', [controlDocumentsProjection, controlNoticesProjection]);
      const [{ notices }] = await dataSource.query(`SELECT count(*)::int AS notices FROM control_notices`);
      expect(notices).toBeGreaterThanOrEqual(6);
    });
  });
});
