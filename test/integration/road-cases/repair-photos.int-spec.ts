import { randomUUID } from 'node:crypto';
import { bearer, http } from '@app/testing';
import { phoneJpeg, photoForm, postForm } from '../../support/photo-uploads';
import { spawnedServiceWithSchema } from '../../support/spawned-services';
import { recordKnownContracts } from '../../support/known-contracts';
import { INSPECTOR_POTHOLE_CASE } from '../../support/report-bodies';

const CONTRACTOR = '123456789012';

// A contractor reports a repair with photos of it: their hashes go into RepairReported, the photos are served by
// road-cases; a refused upload leaves the case as it was.
describe('repair photos on road-cases', () => {
  const { service, dataSource } = spawnedServiceWithSchema('road-cases', 'road_cases_photos', 'road_cases', {
    env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0', PHOTO_MAX_COUNT: '2' },
  });
  const contractId = randomUUID();
  const call = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    http(method, `${service.url}${path}`, { body, headers });

  beforeAll(async () => {
    // The contract as the budgets consumer records it (ContractRecorded in road-cases' own log).
    await recordKnownContracts(dataSource, 'c', [
      { contractId, contractorBin: CONTRACTOR, warrantyEndsAt: '2099-01-01T00:00:00.000Z' },
    ]);
  });

  async function assignedCase(): Promise<string> {
    const opened = await call('POST', '/cases', bearer('inspector'), INSPECTOR_POTHOLE_CASE);
    expect(opened.status).toBe(201);
    const id = opened.body.id;
    const verify = { severity: 'high', areaM2: 2.5, estimatedCostTiyn: 150_000_00 };
    expect((await call('POST', `/cases/${id}/verify`, bearer('inspector'), verify)).status).toBe(200);
    const assign = { contractorBin: CONTRACTOR, contractId };
    expect((await call('POST', `/cases/${id}/assign`, bearer('official'), assign)).status).toBe(200);
    return id;
  }
  const eventsOf = async (id: string) =>
    (await dataSource.query(
      `SELECT event_type, payload FROM road_cases.events WHERE stream_id = $1 ORDER BY stream_version`,
      [id],
    )) as {
      event_type: string;
      payload: Record<string, any>;
    }[];

  it('reports a repair with a photo: RepairReported names its hash, and road-cases serves it', async () => {
    const id = await assignedCase();
    const reported = await postForm(
      `${service.url}/cases/${id}/report-repair`,
      photoForm({ note: 'patched' }, [{ bytes: await phoneJpeg('#406080'), name: 'after.jpg' }]),
      bearer('contractor', undefined, CONTRACTOR),
    );
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ status: 'repair_reported' });
    const repair = (await eventsOf(id)).find((e) => e.event_type === 'RepairReported')!.payload;
    expect(repair).toMatchObject({
      contractorBin: CONTRACTOR,
      note: 'patched',
      photoEvidence: [{ mediaType: 'image/jpeg', receivedAs: 'image/jpeg', width: 20, height: 40 }],
    });
    const served = await fetch(`${service.url}/photos/${repair.photoEvidence[0].sha256}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The inspector who decides on the repair sees its photos on the case, each where it is served.
    const seen = await http('GET', `${service.url}/cases/${id}`, { headers: bearer('inspector') });
    expect(seen.body.repairPhotos).toEqual([
      { ...repair.photoEvidence[0], url: `/photos/${repair.photoEvidence[0].sha256}` },
    ]);
  });

  it('refuses more photos than PHOTO_MAX_COUNT and leaves the case assigned', async () => {
    const id = await assignedCase();
    const before = await eventsOf(id);
    const photos = await Promise.all(['#111111', '#222222', '#333333'].map((c) => phoneJpeg(c)));
    const refused = await postForm(
      `${service.url}/cases/${id}/report-repair`,
      photoForm(
        { note: 'patched' },
        photos.map((bytes, i) => ({ bytes, name: `${i}.jpg` })),
      ),
      bearer('contractor', undefined, CONTRACTOR),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'photos', message: expect.stringContaining('at most 2 photos') });
    expect(await eventsOf(id)).toEqual(before);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM road_cases.evidence_photos`);
    expect(count).toBe(1);
  });
});
