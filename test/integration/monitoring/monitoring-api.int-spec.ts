import { randomUUID } from 'node:crypto';
import type { Role } from '@app/platform';
import { bearer, http } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import { eventTypes } from '../../support/service-calls';
import { budgetReportBody, roadReportBody, TOLE_BI_POTHOLE } from '../../support/report-bodies';
import { expectRebuildsIdentical, withServiceDataSource } from '../../support/service-data-sources';

// The monitoring API as citizens, the club's moderators, inspectors and auditors use it: a real process on real Postgres and Kafka.
describe('monitoring over HTTP', () => {
  const { db, service } = spawnedService('monitoring', 'monitoring_api', {
    env: {
      REPORT_RATE_LIMIT_BURST: '3',
      REPORT_RATE_LIMIT_PER_MINUTE: '1',
      // Its citizens file dozens of reports; their own limit is report-abuse.int-spec's.
      REPORT_RATE_LIMIT_CITIZEN_BURST: '1000',
    },
  });

  const call = (
    method: string,
    path: string,
    role?: Role,
    body?: unknown,
    headers: Record<string, string> = {},
    sub?: string,
  ) => http(method, `${service.url}${path}`, { body, headers: { ...(role ? bearer(role, sub) : {}), ...headers } });

  const roadBody = roadReportBody('Deep pothole by the school', ['https://photos.example/1.jpg']);
  const budgetBody = budgetReportBody('123456789012', 2020);
  const CONTACT = { name: 'Aigerim', phone: '+77011234567', email: 'aigerim@example.kz' };

  async function file(body: object = roadBody, sub = 'citizen-1'): Promise<string> {
    const filed = await call('POST', '/reports', 'citizen', body, {}, sub);
    expect(filed.status).toBe(201);
    return filed.body.id;
  }

  /** A raid a moderator planned, for the routes that need one to exist (its id; the answer is not checked). */
  const plannedRaid = async (): Promise<string> =>
    (
      await call('POST', '/raids', 'moderator', {
        title: 'Raid',
        district: 'Taraz',
        plannedFor: '2020-03-12T04:00:00Z',
      })
    ).body.id;

  async function underReview(): Promise<string> {
    const id = await file();
    expect((await call('POST', `/reports/${id}/start-review`, 'moderator', {})).status).toBe(200);
    return id;
  }

  it('files a report with a contact that only moderators see, and that no event holds', async () => {
    const filed = await call('POST', '/reports', 'citizen', { ...roadBody, contact: CONTACT }, {}, 'citizen-1');
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ status: 'submitted', version: 1 });
    expect(filed.headers.get('etag')).toBe('"1"');
    const id = filed.body.id;

    const asModerator = await call('GET', `/reports/${id}`, 'moderator');
    expect(asModerator.status).toBe(200);
    expect(asModerator.body).toMatchObject({
      id,
      kind: 'road_defect',
      status: 'submitted',
      district: 'Taraz',
      contact: CONTACT,
    });
    expect(asModerator.body.details).toMatchObject({ defectType: 'pothole', photos: ['https://photos.example/1.jpg'] });
    for (const role of ['auditor', 'citizen'] as const) {
      const view = await call(
        'GET',
        `/reports/${id}`,
        role,
        undefined,
        {},
        role === 'citizen' ? 'citizen-1' : undefined,
      );
      expect({ role, status: view.status }).toEqual({ role, status: 200 });
      expect(view.body).not.toHaveProperty('contact');
      expect(JSON.stringify(view.body)).not.toContain(CONTACT.phone);
    }
    expect((await call('GET', `/reports/${id}`, 'citizen', undefined, {}, 'citizen-2')).status).toBe(403);

    const history = await call('GET', `/reports/${id}/history`, 'auditor');
    expect(eventTypes(history)).toEqual(['ReportSubmitted']);
    // An auditor sees the citizen by pseudonym (as the published events name them); a moderator in clear.
    expect(history.body.events[0].data).toMatchObject({
      reporterId: expect.stringMatching(/^citizen:test1:[0-9a-f]{32}$/),
      hasContact: true,
    });
    expect(history.body.events[0].metadata.actorId).toBe(history.body.events[0].data.reporterId);
    expect(JSON.stringify(history.body)).not.toMatch(/77011234567|aigerim@|citizen-1/);
    const moderated = await call('GET', `/reports/${id}/history`, 'moderator');
    expect(moderated.body.events[0].data).toMatchObject({ reporterId: 'citizen-1' });
  });

  it('takes a report through the club: review, accept at a meeting, on the week agenda, and the citizen sees it', async () => {
    const id = await file(roadBody, 'citizen-9');
    const awaiting = await call('GET', '/club/agenda?week=2099-W01', 'moderator');
    expect(awaiting.status).toBe(200);
    expect(awaiting.body.awaiting.map((r: { id: string }) => r.id)).toContain(id);

    const review = await call('POST', `/reports/${id}/start-review`, 'moderator', {}, { 'if-match': '"1"' });
    expect(review.body).toMatchObject({ status: 'under_review', version: 2 });
    const accepted = await call(
      'POST',
      `/reports/${id}/accept`,
      'moderator',
      { meetingDate: '2020-03-19' },
      { 'if-match': '"2"' },
    );
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 4 });

    const week = await call('GET', '/club/agenda?week=2020-W12', 'moderator');
    expect(week.body).toMatchObject({ week: '2020-W12', from: '2020-03-16', to: '2020-03-22', page: 1, limit: 50 });
    expect(week.body.decidedTotal).toBeGreaterThanOrEqual(week.body.decided.length);
    expect(week.body.decided).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, meetingDate: '2020-03-19', moderatorId: 'test-moderator' }),
      ]),
    );

    const history = await call('GET', `/reports/${id}/history`, 'moderator');
    expect(eventTypes(history)).toEqual(['ReportSubmitted', 'ReviewStarted', 'ReportAccepted', 'ReportForwarded']);
    expect(history.body.events[3].data).toEqual({
      reportId: id,
      kind: 'road_defect',
      ...TOLE_BI_POTHOLE,
      description: 'Deep pothole by the school',
    });
    const asOf = await call('GET', `/reports/${id}?asOf=2`, 'auditor');
    expect(asOf.body).toMatchObject({ version: 2, status: 'under_review' });

    const mine = await call('GET', '/reports/mine', 'citizen', undefined, {}, 'citizen-9');
    expect(mine.body.items).toEqual([expect.objectContaining({ id, status: 'accepted', caseId: null })]);
    const list = await call('GET', '/reports?status=accepted&kind=road_defect&district=Taraz', 'auditor');
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
    expect(list.body.items.every((r: { status: string }) => r.status === 'accepted')).toBe(true);
  });

  it("pages a citizen's own reports, newest first, and refuses a page larger than the shared cap", async () => {
    const filed = [];
    for (let i = 0; i < 3; i++) filed.push(await file(roadBody, 'citizen-pages'));
    const pageOf = async (query: string) =>
      (await call('GET', `/reports/mine?${query}`, 'citizen', undefined, {}, 'citizen-pages')).body;
    const first = await pageOf('limit=2');
    expect(first).toMatchObject({ page: 1, limit: 2, total: 3 });
    const second = await pageOf('limit=2&page=2');
    expect(second).toMatchObject({ page: 2, limit: 2, total: 3 });
    const ids = [...first.items, ...second.items].map((r: { id: string }) => r.id);
    expect(new Set(ids)).toEqual(new Set(filed));
    const tooMany = await call('GET', '/reports/mine?limit=201', 'citizen', undefined, {}, 'citizen-pages');
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('limit');

    // The club's backlog comes in pages too, each list with its total.
    const agenda = async (query: string) =>
      (await call('GET', `/club/agenda?week=2099-W01&${query}`, 'moderator')).body;
    const one = await agenda('limit=1');
    expect(one).toMatchObject({ page: 1, limit: 1 });
    expect(one.awaiting).toHaveLength(1);
    expect(one.awaitingTotal).toBeGreaterThanOrEqual(3);
    const next = await agenda('limit=1&page=2');
    expect(next.awaiting).toHaveLength(1);
    expect(next.awaiting[0].id).not.toBe(one.awaiting[0].id);
    expect((await call('GET', '/club/agenda?week=2099-W01&limit=201', 'moderator')).status).toBe(400);
  });

  it('rejects and marks duplicates with the meeting, and refuses a duplicate of a report that does not exist', async () => {
    const original = await file(budgetBody);
    const rejected = await underReview();
    expect(
      (
        await call('POST', `/reports/${rejected}/reject`, 'moderator', {
          meetingDate: '2020-03-19',
          reason: 'Outside the region',
        })
      ).body.status,
    ).toBe('rejected');
    const duplicate = await underReview();
    const unknown = await call('POST', `/reports/${duplicate}/mark-duplicate`, 'moderator', {
      meetingDate: '2020-03-19',
      duplicateOf: randomUUID(),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe('duplicateOf');
    const marked = await call('POST', `/reports/${duplicate}/mark-duplicate`, 'moderator', {
      meetingDate: '2020-03-19',
      duplicateOf: original,
    });
    expect(marked.body).toMatchObject({ status: 'duplicate' });
    expect((await call('GET', `/reports/${duplicate}`, 'moderator')).body.duplicateOf).toBe(original);
  });

  it('answers 409 on a stale If-Match and on an illegal step, and 404 for unknown ids', async () => {
    const id = await file();
    const stale = await call('POST', `/reports/${id}/start-review`, 'moderator', {}, { 'if-match': '"5"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'version_conflict', expectedVersion: 5, actualVersion: 1 });
    const early = await call('POST', `/reports/${id}/accept`, 'moderator', { meetingDate: '2020-03-19' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'illegal_transition', status: 'submitted' });
    const reopen = await call('POST', `/reports/${id}/reopen`, 'citizen', { reason: 'still there' }, {}, 'citizen-1');
    expect(reopen.body).toMatchObject({ error: 'illegal_transition', status: 'submitted' });
    for (const [method, path] of [
      ['GET', `/reports/${randomUUID()}`],
      ['POST', `/reports/${randomUUID()}/start-review`],
      ['GET', `/raids/${randomUUID()}`],
      ['POST', `/raids/${randomUUID()}/close`],
    ]) {
      const response = await call(method, path, 'moderator', method === 'POST' ? {} : undefined);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it.each<[string, string, Role[]]>([
    ['POST', '/reports', ['moderator', 'inspector', 'auditor', 'official', 'contractor']],
    ['GET', '/reports', ['citizen', 'inspector', 'official']],
    ['GET', '/club/agenda?week=2020-W12', ['citizen', 'auditor', 'inspector']],
    ['POST', '/reports/{id}/start-review', ['citizen', 'auditor', 'inspector']],
    ['POST', '/reports/{id}/accept', ['citizen', 'auditor', 'official']],
    ['POST', '/reports/{id}/reject', ['citizen', 'inspector']],
    ['POST', '/reports/{id}/mark-duplicate', ['citizen', 'auditor']],
    ['POST', '/reports/{id}/reopen', ['auditor', 'inspector', 'official']],
    ['GET', '/reports/{id}', ['inspector', 'official', 'contractor']],
    ['POST', '/raids', ['citizen', 'inspector', 'auditor']],
    ['POST', '/raids/{raid}/conduct', ['citizen', 'inspector']],
    ['POST', '/raids/{raid}/defects', ['citizen', 'inspector', 'auditor']],
    ['POST', '/raids/{raid}/offences', ['citizen', 'auditor', 'official']],
    ['POST', '/raids/{raid}/close', ['citizen', 'inspector']],
    ['GET', '/raids', ['citizen', 'official']],
  ])('%s %s refuses %p with 403', async (method, path, roles) => {
    const id = await file();
    const raid = await plannedRaid();
    for (const role of roles) {
      const response = await call(
        method,
        path.replace('{id}', id).replace('{raid}', raid),
        role,
        method === 'GET' ? undefined : {},
      );
      expect({ role, status: response.status }).toEqual({ role, status: 403 });
    }
  });

  type InvalidRequest = [string, string, Role, Record<string, unknown> | undefined, string];
  /** A citizen's report (POST /reports) with `body`, to be refused naming `field`. */
  const invalidReport = (body: Record<string, unknown>, field: string): InvalidRequest => [
    'POST',
    '/reports',
    'citizen',
    body,
    field,
  ];
  it.each<InvalidRequest>([
    invalidReport({ ...roadBody, kind: 'gossip' }, 'kind'),
    invalidReport({ kind: 'road_defect' }, 'road'),
    invalidReport({ kind: 'budget_execution' }, 'budget'),
    invalidReport({ ...roadBody, road: { ...roadBody.road, location: { lat: 95, lon: 71 } } }, 'road.location.lat'),
    invalidReport({ ...roadBody, road: { ...roadBody.road, defectType: 'sinkhole' } }, 'road.defectType'),
    invalidReport({ ...roadBody, road: { ...roadBody.road, photos: ['not a url'] } }, 'road.photos'),
    invalidReport(
      { ...budgetBody, budget: { ...budgetBody.budget, amountInQuestionTiyn: 10.5 } },
      'budget.amountInQuestionTiyn',
    ),
    invalidReport({ ...budgetBody, budget: { ...budgetBody.budget, institutionBin: '12' } }, 'budget.institutionBin'),
    invalidReport({ ...roadBody, contact: { phone: 'call me' } }, 'contact.phone'),
    invalidReport({ ...roadBody, colour: 'red' }, 'colour'),
    ['POST', '/reports/{id}/accept', 'moderator', { meetingDate: 'next Thursday' }, 'meetingDate'],
    ['POST', '/reports/{id}/reject', 'moderator', { meetingDate: '2020-03-19' }, 'reason'],
    [
      'POST',
      '/reports/{id}/mark-duplicate',
      'moderator',
      { meetingDate: '2020-03-19', duplicateOf: 'x' },
      'duplicateOf',
    ],
    ['GET', '/club/agenda?week=2020-12', 'moderator', undefined, 'week'],
    ['GET', '/club/agenda?week=2021-W53', 'moderator', undefined, 'week'],
    ['GET', '/reports?status=lost', 'moderator', undefined, 'status'],
    ['GET', '/reports/{id}?asOf=yesterday', 'moderator', undefined, 'asOf'],
    ['POST', '/raids', 'moderator', { title: 'Raid', district: 'Taraz', plannedFor: 'soon' }, 'plannedFor'],
    ['POST', '/raids/{raid}/conduct', 'moderator', { participants: [] }, 'participants'],
    [
      'POST',
      '/raids/{raid}/offences',
      'inspector',
      {
        offenceType: 'truck_overload',
        offenderCategory: 'individual',
        offenderName: 'A',
        place: 'A-2',
        committedAt: '2020-03-12T05:00:00Z',
        evidence: ['x'],
      },
      'offenderIin',
    ],
  ])('%s %s answers 400 naming %#', async (method, path, role, body, field) => {
    const id = await file();
    const raid = await plannedRaid();
    const response = await call(method, path.replace('{id}', id).replace('{raid}', raid), role, body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('holds a raid: plans, conducts, records a defect and an offence (IIN hashed), closes, and takes no more findings', async () => {
    const planned = await call('POST', '/raids', 'moderator', {
      title: 'Heavy trucks on A-2',
      district: 'Taraz',
      plannedFor: '2020-03-12T04:00:00Z',
    });
    expect(planned.status).toBe(201);
    const raid = planned.body.id;
    expect(
      (await call('POST', `/raids/${raid}/conduct`, 'moderator', { participants: ['moderator-1', 'activist-3'] })).body
        .status,
    ).toBe('conducted');
    const defect = await call('POST', `/raids/${raid}/defects`, 'moderator', {
      location: { lat: 42.91, lon: 71.38 },
      address: 'A-2 km 12',
      defectType: 'rutting',
      description: 'Ruts 5 cm',
    });
    expect(defect.status).toBe(201);
    expect(defect.body.defectId).toMatch(/^[0-9a-f-]{36}$/);
    const offence = await call('POST', `/raids/${raid}/offences`, 'inspector', {
      offenceType: 'truck_overload',
      offenderCategory: 'individual',
      offenderName: 'A. Driver',
      offenderIin: '900101300123',
      vehiclePlate: '123ABC08',
      place: 'A-2 km 12',
      committedAt: '2020-03-12T05:30:00Z',
      evidence: ['https://evidence.example/weigh.jpg'],
    });
    expect(offence.status).toBe(201);
    const closed = await call('POST', `/raids/${raid}/close`, 'moderator', {
      summary: 'One defect, one overloaded truck',
    });
    expect(closed.body).toMatchObject({ status: 'closed', version: 5 });
    const late = await call('POST', `/raids/${raid}/defects`, 'moderator', {
      location: { lat: 42.91, lon: 71.38 },
      address: 'A-2 km 13',
      defectType: 'crack',
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'illegal_transition', status: 'closed' });

    const row = await call('GET', `/raids/${raid}`, 'auditor');
    expect(row.body).toMatchObject({
      status: 'closed',
      district: 'Taraz',
      participants: ['moderator-1', 'activist-3'],
    });
    expect(row.body.defects).toEqual([
      expect.objectContaining({ defectId: defect.body.defectId, district: 'Taraz', defectType: 'rutting' }),
    ]);
    expect(row.body.offences[0]).toMatchObject({
      offenceId: offence.body.offenceId,
      offenderIinHmacSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      offenderIinKeyId: 'test1',
    });
    expect(row.body.offences[0]).not.toHaveProperty('offenderName');
    expect(JSON.stringify(row.body)).not.toMatch(/A\. Driver|123ABC08|900101300123/);
    const offender = (route: string, role: Role) => call('GET', route, role);
    const path = `/raids/${raid}/offences/${offence.body.offenceId}/offender`;
    expect((await offender(path, 'moderator')).body).toMatchObject({
      fields: { name: 'A. Driver', iin: '900101300123', plate: '123ABC08' },
      inClear: true,
    });
    const masked = (await offender(path, 'auditor')).body;
    expect(masked.inClear).toBe(false);
    expect(JSON.stringify(masked)).not.toMatch(/A\. Driver|123ABC08|900101300123/);
    expect((await offender(`/raids/${raid}/offences/${randomUUID()}/offender`, 'moderator')).status).toBe(404);
    expect((await offender(`/raids/${raid}/offences/nope/offender`, 'moderator')).status).toBe(400);
    const history = await call('GET', `/raids/${raid}/history`, 'auditor');
    expect(JSON.stringify(history.body)).not.toContain('900101300123');
    expect((await call('GET', `/raids/${raid}?asOf=2`, 'moderator')).body).toMatchObject({
      version: 2,
      status: 'conducted',
    });
    expect(
      (await call('GET', '/raids?status=closed', 'inspector')).body.items.map((r: { id: string }) => r.id),
    ).toContain(raid);

    const stats = await call('GET', '/reports/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.raidsHeld).toBeGreaterThanOrEqual(1);
    expect(stats.body.defectsFound).toBeGreaterThanOrEqual(1);
    expect(stats.body.offencesRecorded).toBeGreaterThanOrEqual(1);
    expect(stats.body.byKind).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'road_defect' }),
        expect.objectContaining({ kind: 'budget_execution' }),
      ]),
    );
    expect(stats.body.byDistrict).toEqual(expect.arrayContaining([expect.objectContaining({ district: 'Taraz' })]));
    expect(stats.body.perMonth[0]).toMatchObject({ month: expect.stringMatching(/^\d{4}-\d{2}$/) });
  });

  it('takes anonymous reports without a token, within a per-client allowance (429 beyond it)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call('POST', '/reports', undefined, budgetBody)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    // A signed-in citizen is not held to the anonymous allowance.
    expect((await call('POST', '/reports', 'citizen', budgetBody)).status).toBe(201);
    const list = await call('GET', '/reports?kind=budget_execution&limit=200', 'moderator');
    expect(list.body.items.filter((r: { anonymous: boolean }) => r.anonymous)).toHaveLength(3);
  });

  it('rebuilds the report and raid boards from the events identical to the live ones', async () => {
    const { monitoringProjections } = await import('../../../apps/monitoring/src/projections/monitoring-projections');
    await withServiceDataSource(db.url, 'monitoring', 'monitoring-test', (dataSource) =>
      expectRebuildsIdentical(dataSource, 'monitoring', monitoringProjections),
    );
  });
});
