import { randomUUID } from 'node:crypto';
import { EventStore } from '@app/event-store';
import type { Role } from '@app/platform';
import { spawnedServiceWithSchema } from '../../support/spawned-services';
import { callerOf, eventTypes } from '../../support/service-calls';
import { recordKnownContracts } from '../../support/known-contracts';
import { INSPECTOR_POTHOLE_CASE } from '../../support/report-bodies';

const CONTRACTOR = '123456789012';
const OTHER_CONTRACTOR = '210987654321';

// The road-cases API as officials, inspectors, contractors and auditors use it: a real process on real Postgres and Kafka.
describe('road cases over HTTP', () => {
  const { service, dataSource } = spawnedServiceWithSchema('road-cases', 'road_cases_api', 'road_cases', {
    env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' },
  });
  const contractId = randomUUID();
  const oldContractId = randomUUID();

  const call = callerOf(service);
  /** An inspector's verification of a case, conditioned on the version last read (If-Match). */
  const verify = (id: string, body: object, ifMatch: string) =>
    call('POST', `/cases/${id}/verify`, 'inspector', body, { 'if-match': ifMatch });

  beforeAll(async () => {
    // Contracts as the budgets consumer records them (ContractRecorded in road-cases' own log).
    await recordKnownContracts(dataSource, 'contracts', [
      { contractId, contractorBin: CONTRACTOR, warrantyEndsAt: '2099-01-01T00:00:00.000Z' },
      { contractId: oldContractId, contractorBin: CONTRACTOR, warrantyEndsAt: '2001-01-01T00:00:00.000Z' },
    ]);
  });

  const openBody = INSPECTOR_POTHOLE_CASE;

  async function openCase(): Promise<string> {
    const opened = await call('POST', '/cases', 'inspector', openBody);
    expect(opened.status).toBe(201);
    return opened.body.id;
  }

  it('takes a case from opening to accepted repair, with a rework, and closes it', async () => {
    const opened = await call('POST', '/cases', 'official', openBody);
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ status: 'opened', version: 1 });
    expect(opened.headers.get('etag')).toBe('"1"');
    const id = opened.body.id;

    const verified = await verify(id, { severity: 'high', areaM2: 2.5, estimatedCostTiyn: 150_000_00 }, '"1"');
    expect(verified.body).toMatchObject({ status: 'verified', version: 2 });
    const assigned = await call('POST', `/cases/${id}/assign`, 'official', {
      contractorBin: CONTRACTOR,
      contractId: oldContractId,
    });
    expect(assigned.body).toMatchObject({ status: 'assigned', version: 3 });
    const board = await call('GET', `/cases/${id}`, 'official');
    expect(board.body).toMatchObject({
      status: 'assigned',
      contractorBin: CONTRACTOR,
      underWarranty: false,
      severity: 'high',
      estimatedCostTiyn: 15_000_000,
    });
    const due = new Date(board.body.dueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(2.9 * 86_400_000); // high: 3 days
    expect(due).toBeLessThan(3.1 * 86_400_000);

    expect(
      (await call('POST', `/cases/${id}/report-repair`, 'contractor', { note: 'patched' }, {}, CONTRACTOR)).body.status,
    ).toBe('repair_reported');
    expect(
      (await call('POST', `/cases/${id}/reject-repair`, 'inspector', { reason: 'edges crumble' })).body.status,
    ).toBe('assigned');
    expect((await call('POST', `/cases/${id}/report-repair`, 'contractor', {}, {}, CONTRACTOR)).body.status).toBe(
      'repair_reported',
    );
    const accepted = await call('POST', `/cases/${id}/accept-repair`, 'inspector', { actualCostTiyn: 140_000_00 });
    expect(accepted.body).toMatchObject({ status: 'closed', version: 8 });

    const quality = await call('GET', `/contractors/${CONTRACTOR}/quality`, 'auditor');
    expect(quality.body).toMatchObject({
      contractorBin: CONTRACTOR,
      repairsAccepted: 1,
      reworks: 1,
      reworkRate: 1,
      onTimeRate: 1,
    });
    expect(eventTypes(await call('GET', `/cases/${id}/history`, 'auditor'))).toEqual([
      'CaseOpened',
      'DefectVerified',
      'ContractorAssigned',
      'RepairReported',
      'RepairRejected',
      'RepairReported',
      'RepairAccepted',
      'CaseClosed',
    ]);
    const asOf = await call('GET', `/cases/${id}?asOf=3`, 'auditor');
    expect(asOf.body).toMatchObject({ version: 3, status: 'assigned', contractorBin: CONTRACTOR });
    const publicView = await call('GET', `/cases/${id}/public`);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ status: 'closed', district: 'Taraz', defectType: 'pothole' });
    expect(publicView.body).not.toHaveProperty('contractorBin');
    const stats = await call('GET', '/cases/stats');
    expect(stats.status).toBe(200);
    expect(stats.body.byStatus).toEqual(expect.arrayContaining([{ status: 'closed', cases: 1 }]));

    const reopened = await call('POST', `/cases/${id}/reopen`, 'moderator', { reason: 'pothole is back' });
    expect(reopened.body).toMatchObject({ status: 'verified', version: 9 });
  });

  it('marks a case under warranty and holds the warranty contractor to it', async () => {
    const id = await openCase();
    await call('POST', `/cases/${id}/verify`, 'inspector', { severity: 'critical', areaM2: 1, estimatedCostTiyn: 0 });
    const other = await call('POST', `/cases/${id}/assign`, 'official', {
      contractorBin: OTHER_CONTRACTOR,
      contractId,
    });
    expect(other.status).toBe(400);
    expect(other.body.field).toBe('contractorBin');
    const ok = await call('POST', `/cases/${id}/assign`, 'official', { contractorBin: CONTRACTOR, contractId });
    expect(ok.status).toBe(200);
    expect((await call('GET', `/cases/${id}`, 'inspector')).body.underWarranty).toBe(true);
  });

  it('answers 409 on a stale If-Match and on an illegal step, naming version and status', async () => {
    const id = await openCase();
    const stale = await verify(id, { severity: 'low', areaM2: 1, estimatedCostTiyn: 1 }, '"5"');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'version_conflict', expectedVersion: 5, actualVersion: 1 });
    const early = await call('POST', `/cases/${id}/assign`, 'official', { contractorBin: CONTRACTOR, contractId });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'illegal_transition', status: 'opened' });
    const accept = await call('POST', `/cases/${id}/accept-repair`, 'inspector', { actualCostTiyn: 1 });
    expect(accept.body).toMatchObject({ error: 'illegal_transition', status: 'opened' });
    const badIfMatch = await verify(id, { severity: 'low', areaM2: 1, estimatedCostTiyn: 1 }, 'yesterday');
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.field).toBe('If-Match');
  });

  it.each<[string, string, Role[]]>([
    ['POST', '/cases', ['citizen', 'contractor', 'auditor', 'moderator', 'operator']],
    ['POST', '/cases/{id}/verify', ['official', 'contractor', 'citizen', 'auditor']],
    ['POST', '/cases/{id}/reject', ['official', 'contractor', 'moderator']],
    ['POST', '/cases/{id}/assign', ['inspector', 'contractor', 'auditor']],
    ['POST', '/cases/{id}/report-repair', ['inspector', 'official']],
    ['POST', '/cases/{id}/accept-repair', ['official', 'contractor', 'auditor']],
    ['POST', '/cases/{id}/reject-repair', ['official', 'contractor']],
    ['POST', '/cases/{id}/reopen', ['contractor', 'citizen', 'auditor']],
    ['GET', '/cases', ['citizen', 'moderator', 'operator']],
    ['GET', `/contractors/${CONTRACTOR}/quality`, ['inspector', 'contractor', 'citizen']],
  ])('%s %s refuses %p with 403', async (method, path, roles) => {
    const id = await openCase();
    for (const role of roles) {
      const response = await call(method, path.replace('{id}', id), role, method === 'GET' ? undefined : {});
      expect({ role, status: response.status }).toEqual({ role, status: 403 });
    }
  });

  it('lets a contractor see and act on its own cases only', async () => {
    const id = await openCase();
    await call('POST', `/cases/${id}/verify`, 'inspector', { severity: 'low', areaM2: 1, estimatedCostTiyn: 1 });
    await call('POST', `/cases/${id}/assign`, 'official', { contractorBin: CONTRACTOR, contractId: oldContractId });
    expect((await call('GET', `/cases/${id}`, 'contractor', undefined, {}, CONTRACTOR)).status).toBe(200);
    expect((await call('GET', `/cases/${id}`, 'contractor', undefined, {}, OTHER_CONTRACTOR)).status).toBe(403);
    expect((await call('GET', `/cases/${id}/history`, 'contractor', undefined, {}, OTHER_CONTRACTOR)).status).toBe(403);
    const mine = await call('GET', '/cases', 'contractor', undefined, {}, OTHER_CONTRACTOR);
    expect(mine.body.items.every((c: { contractorBin: string }) => c.contractorBin === OTHER_CONTRACTOR)).toBe(true);
    const report = await call('POST', `/cases/${id}/report-repair`, 'contractor', {}, {}, OTHER_CONTRACTOR);
    expect(report.status).toBe(403);
  });

  it.each<[string, string, Role, Record<string, unknown>, string]>([
    ['POST', '/cases', 'inspector', { ...openBody, location: { lat: 95, lon: 71 } }, 'location.lat'],
    ['POST', '/cases', 'inspector', { ...openBody, location: { lat: 42, lon: 190 } }, 'location.lon'],
    ['POST', '/cases', 'inspector', { ...openBody, defectType: 'sinkhole' }, 'defectType'],
    ['POST', '/cases', 'inspector', { ...openBody, location: undefined }, 'location'],
    ['POST', '/cases', 'inspector', { ...openBody, colour: 'red' }, 'colour'],
    ['POST', '/cases/{id}/verify', 'inspector', { severity: 'huge', areaM2: 1, estimatedCostTiyn: 1 }, 'severity'],
    [
      'POST',
      '/cases/{id}/verify',
      'inspector',
      { severity: 'low', areaM2: 1, estimatedCostTiyn: -5 },
      'estimatedCostTiyn',
    ],
    [
      'POST',
      '/cases/{id}/verify',
      'inspector',
      { severity: 'low', areaM2: 1, estimatedCostTiyn: 1.5 },
      'estimatedCostTiyn',
    ],
    ['POST', '/cases/{id}/reject', 'inspector', {}, 'reason'],
    ['POST', '/cases/{id}/assign', 'official', { contractorBin: '123', contractId: randomUUID() }, 'contractorBin'],
    ['POST', '/cases/{id}/assign', 'official', { contractorBin: CONTRACTOR, contractId: 'x' }, 'contractId'],
    ['POST', '/cases/{id}/accept-repair', 'inspector', { actualCostTiyn: -1 }, 'actualCostTiyn'],
    ['GET', '/cases?limit=1000', 'official', {}, 'limit'],
  ])('%s %s answers 400 naming %#', async (method, path, role, body, field) => {
    const id = await openCase();
    const response = await call(method, path.replace('{id}', id), role, method === 'GET' ? undefined : body);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe(field);
  });

  it('names a past due date, an unknown contract and an unknown case', async () => {
    const id = await openCase();
    await call('POST', `/cases/${id}/verify`, 'inspector', { severity: 'low', areaM2: 1, estimatedCostTiyn: 1 });
    const past = await call('POST', `/cases/${id}/assign`, 'official', {
      contractorBin: CONTRACTOR,
      contractId: oldContractId,
      dueAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(400);
    expect(past.body.field).toBe('dueAt');
    const unknownContract = await call('POST', `/cases/${id}/assign`, 'official', {
      contractorBin: CONTRACTOR,
      contractId: randomUUID(),
    });
    expect(unknownContract.status).toBe(404);
    expect(unknownContract.body.resource).toBe('Contract');
    const unknownCase = await call('POST', `/cases/${randomUUID()}/verify`, 'inspector', {
      severity: 'low',
      areaM2: 1,
      estimatedCostTiyn: 1,
    });
    expect(unknownCase.status).toBe(404);
    expect((await call('GET', `/cases/${randomUUID()}/public`)).status).toBe(404);
  });

  it('escalates an assigned case past its due date once, when the sweep runs later', async () => {
    const id = await openCase();
    await call('POST', `/cases/${id}/verify`, 'inspector', { severity: 'critical', areaM2: 1, estimatedCostTiyn: 1 });
    await call('POST', `/cases/${id}/assign`, 'official', { contractorBin: CONTRACTOR, contractId: oldContractId });
    const notYet = await call('POST', '/ops/overdue-sweep', 'operator', {});
    expect(notYet.body.escalated).not.toContain(id);
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const swept = await call('POST', '/ops/overdue-sweep', 'operator', { asOf: later });
    expect(swept.body.escalated).toContain(id);
    const again = await call('POST', '/ops/overdue-sweep', 'operator', { asOf: later });
    expect(again.body.escalated).not.toContain(id);
    const board = await call('GET', `/cases?overdue=true`, 'official');
    expect(board.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('rebuilds the case board from the events identical to the live one, and swaps it in', async () => {
    const { caseBoardProjection } =
      await import('../../../apps/road-cases/src/read-models/case-board/case-board.projection');
    const { ProjectionRebuilder } = await import('@app/event-store');
    const rebuilder = new ProjectionRebuilder(new EventStore(dataSource, 'road_cases'));
    const verified = await rebuilder.rebuild(caseBoardProjection, { verify: true });
    expect(verified.eventsRead).toBeGreaterThan(40);
    expect(verified.differences).toMatchObject({ onlyInLiveCount: 0, onlyInRebuiltCount: 0 });
    expect((await rebuilder.rebuild(caseBoardProjection)).swapped).toBe(true);
    expect((await call('GET', '/cases?limit=200', 'official')).body.total).toBeGreaterThan(10);
  });
});
