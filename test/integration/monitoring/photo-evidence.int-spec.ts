import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import { asOwnerWithoutTrigger, bearer, http } from '@app/testing';
import {
  hasExifSegment,
  phoneJpeg,
  photoForm,
  plainPng,
  postForm,
  type PhotoUpload,
} from '../../support/photo-uploads';
import { roadReportBody } from '../../support/report-bodies';
import { spawnedServiceWithSchema } from '../../support/spawned-services';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

// Photo evidence on monitoring: multipart uploads on reports and raid records, checked by content, stripped of
// EXIF and GPS, stored by hash with the event that names them (or not at all), served immutable by hash.
describe('photo evidence on monitoring', () => {
  const { service, dataSource } = spawnedServiceWithSchema('monitoring', 'monitoring_photos', 'monitoring', {
    env: { PHOTO_MAX_BYTES: '200000', PHOTO_MAX_COUNT: '3', REPORT_RATE_LIMIT_CITIZEN_BURST: '1000' },
  });

  const citizen = () => bearer('citizen', 'citizen-photos');
  const report = roadReportBody('Pothole by the school, photographed');
  const counts = async () => {
    const [row] = await dataSource.query(
      `SELECT (SELECT count(*) FROM monitoring.events)::int AS events, (SELECT count(*) FROM monitoring.evidence_photos)::int AS photos`,
    );
    return row as { events: number; photos: number };
  };
  const payloadOf = async (streamId: string, type: string) =>
    (
      await dataSource.query(`SELECT payload FROM monitoring.events WHERE stream_id = $1 AND event_type = $2`, [
        streamId,
        type,
      ])
    )[0].payload;

  it('files a report with two photos: the event names their hashes, GET /photos serves them stripped and immutable', async () => {
    const jpeg = await phoneJpeg();
    const heic = readFileSync('test/fixtures/photos/pothole-96x64.heic');
    const before = await counts();
    const filed = await postForm(
      `${service.url}/reports`,
      photoForm(report, [
        { bytes: jpeg, name: 'IMG_0001.jpg' },
        // The name and Content-Type claim a JPEG; the content is HEIC, and HEIC is what it is taken for.
        { bytes: heic, name: 'IMG_0002.jpg', type: 'image/jpeg' },
      ]),
      citizen(),
    );
    expect(filed.status).toBe(201);
    const id = filed.body.id;

    const road = (await payloadOf(id, 'ReportSubmitted')).road;
    expect(road.photoEvidence).toEqual([
      {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        mediaType: 'image/jpeg',
        receivedAs: 'image/jpeg',
        byteSize: expect.any(Number),
        width: 20,
        height: 40,
      },
      {
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        mediaType: 'image/jpeg',
        receivedAs: 'image/heic',
        byteSize: expect.any(Number),
        width: 96,
        height: 64,
      },
    ]);
    expect(await counts()).toEqual({ events: before.events + 1, photos: before.photos + 2 });

    const [first] = road.photoEvidence;
    const served = await fetch(`${service.url}/photos/${first.sha256}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(served.headers.get('etag')).toBe(`"${first.sha256}"`);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await served.arrayBuffer());
    expect(sha256(bytes)).toBe(first.sha256);
    expect(bytes.length).toBe(first.byteSize);
    expect(hasExifSegment(jpeg)).toBe(true);
    expect(hasExifSegment(bytes)).toBe(false);
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(await exifr.gps(bytes)).toBeUndefined();

    const again = await fetch(`${service.url}/photos/${first.sha256}`, {
      headers: { 'if-none-match': `"${first.sha256}"` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(`"${first.sha256}"`);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    // The read answer shows each photo with where it is served.
    const shown = await http('GET', `${service.url}/reports/${id}`, { headers: bearer('moderator') });
    expect(shown.body.details.photoEvidence).toEqual(
      road.photoEvidence.map((p: { sha256: string }) => ({ ...p, url: `/photos/${p.sha256}` })),
    );
  });

  it('keeps one copy of a photo sent twice, and takes the JSON body as a file part too', async () => {
    const png = await plainPng('#aa0011');
    const before = await counts();
    const form = new FormData();
    form.append('body', new Blob([JSON.stringify(report)], { type: 'application/json' }), 'body.json');
    form.append('photos', new Blob([new Uint8Array(png)]), 'a.png');
    form.append('photos', new Blob([new Uint8Array(png)]), 'b.png');
    const filed = await postForm(`${service.url}/reports`, form, citizen());
    expect(filed.status).toBe(201);
    const evidence = (await payloadOf(filed.body.id, 'ReportSubmitted')).road.photoEvidence;
    expect(evidence).toHaveLength(1);
    expect(evidence[0]).toMatchObject({ mediaType: 'image/png', width: 12, height: 9 });
    const second = await postForm(
      `${service.url}/reports`,
      photoForm(report, [{ bytes: png, name: 'c.png' }]),
      citizen(),
    );
    expect(second.status).toBe(201);
    expect(await counts()).toEqual({ events: before.events + 2, photos: before.photos + 1 });
  });

  it.each<[string, () => Promise<FormData>, number, Record<string, unknown>]>([
    [
      'a photo over PHOTO_MAX_BYTES',
      async () =>
        photoForm(report, [{ bytes: Buffer.concat([await phoneJpeg(), Buffer.alloc(250_000)]), name: 'big.jpg' }]),
      413,
      { error: 'photo_too_large', message: expect.stringContaining('PHOTO_MAX_BYTES') },
    ],
    [
      'more photos than PHOTO_MAX_COUNT',
      async () =>
        photoForm(
          report,
          await Promise.all([1, 2, 3, 4].map(async (i) => ({ bytes: await plainPng(`#0${i}0000`), name: `${i}.png` }))),
        ),
      400,
      { error: 'validation_failed', field: 'photos', message: expect.stringContaining('at most 3 photos') },
    ],
    [
      'a text file named .jpg',
      async () =>
        photoForm(report, [
          { bytes: await plainPng(), name: 'ok.png' },
          { bytes: Buffer.from('not a photo\n'), name: 'pothole.jpg' },
        ]),
      415,
      { error: 'unsupported_photo', field: 'photos[1]', found: 'text' },
    ],
    [
      'a JPEG cut in half',
      async () => {
        const jpeg = await phoneJpeg('#123456');
        return photoForm(report, [{ bytes: jpeg.subarray(0, jpeg.length >> 1), name: 'half.jpg' }]);
      },
      422,
      { error: 'undecodable_photo', field: 'photos[0]' },
    ],
    [
      'a body part that is not JSON',
      async () => photoForm('{"kind": "road_defect", ', [{ bytes: await plainPng(), name: 'a.png' }]),
      400,
      { error: 'validation_failed', field: 'body', message: expect.stringContaining('not JSON') },
    ],
    [
      'a body part the DTO refuses',
      async () => photoForm({ ...report, kind: 'graffiti' }, [{ bytes: await plainPng('#0000ff'), name: 'a.png' }]),
      400,
      { error: 'validation_failed', field: 'kind' },
    ],
    [
      'no body part at all',
      async () => {
        const form = new FormData();
        form.append('photos', new Blob([new Uint8Array(await plainPng())]), 'a.png');
        return form;
      },
      400,
      { error: 'validation_failed', field: 'body' },
    ],
    [
      'a part of another name',
      async () => {
        const form = photoForm(report);
        form.append('attachment', new Blob([new Uint8Array(await plainPng())]), 'a.png');
        return form;
      },
      400,
      { error: 'validation_failed', field: 'attachment' },
    ],
  ])('refuses %s, and appends and stores nothing', async (_, form, status, body) => {
    const before = await counts();
    const refused = await postForm(`${service.url}/reports`, await form(), citizen());
    expect(refused.status).toBe(status);
    expect(refused.body).toMatchObject({ statusCode: status, ...body });
    expect(await counts()).toEqual(before);
  });

  it('still files a JSON report as before, with no photo evidence in its event', async () => {
    const filed = await http('POST', `${service.url}/reports`, { body: report, headers: citizen() });
    expect(filed.status).toBe(201);
    expect((await payloadOf(filed.body.id, 'ReportSubmitted')).road).not.toHaveProperty('photoEvidence');
  });

  it('answers 404 for an unknown photo and 400 for a malformed hash', async () => {
    const unknown = await http('GET', `${service.url}/photos/${'0'.repeat(64)}`);
    expect(unknown.status).toBe(404);
    const malformed = await http('GET', `${service.url}/photos/not-a-hash`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ field: 'sha256' });
    expect((await http('GET', `${service.url}/photos/${'A'.repeat(64)}`)).status).toBe(400);
  });

  it('refuses to serve a photo altered in the table, while the event still holds the hash of the original', async () => {
    const filed = await postForm(
      `${service.url}/reports`,
      photoForm(report, [{ bytes: await phoneJpeg('#777700'), name: 'x.jpg' }]),
      citizen(),
    );
    expect(filed.status).toBe(201);
    const [photo] = (await payloadOf(filed.body.id, 'ReportSubmitted')).road.photoEvidence;
    expect((await fetch(`${service.url}/photos/${photo.sha256}`)).status).toBe(200);
    // An insider with the owner's rights swaps the picture (the append-only trigger off for the moment).
    const forged = await plainPng('#ff00ff');
    await asOwnerWithoutTrigger(
      dataSource,
      'monitoring',
      'evidence_photos',
      `UPDATE monitoring.evidence_photos SET bytes = $2, byte_size = $3 WHERE sha256 = $1`,
      [photo.sha256, forged, forged.length],
    );
    const served = await http('GET', `${service.url}/photos/${photo.sha256}`);
    expect(served.status).toBe(500);
    expect(served.body.message).toMatch(/integrity check/);
    expect((await payloadOf(filed.body.id, 'ReportSubmitted')).road.photoEvidence[0].sha256).toBe(photo.sha256);
    // Without the insider's switch the table refuses the change outright.
    await expect(
      dataSource.query(`UPDATE monitoring.evidence_photos SET bytes = $2 WHERE sha256 = $1`, [photo.sha256, forged]),
    ).rejects.toThrow(/append-only/);
  });

  describe('on raid records', () => {
    let raidId: string;
    beforeAll(async () => {
      const planned = await http('POST', `${service.url}/raids`, {
        body: { title: 'Tole bi check', district: 'Taraz', plannedFor: '2020-03-01T10:00:00+05:00' },
        headers: bearer('moderator'),
      });
      expect(planned.status).toBe(201);
      raidId = planned.body.id;
      const conducted = await http('POST', `${service.url}/raids/${raidId}/conduct`, {
        body: { participants: ['Aigerim'] },
        headers: bearer('moderator'),
      });
      expect(conducted.status).toBe(200);
    });
    const defect = { location: { lat: 42.9, lon: 71.37 }, address: 'Tole bi 5', defectType: 'pothole' };
    const offence = {
      offenceType: 'truck_overload',
      offenderCategory: 'small_business',
      offenderName: 'Zhol LLP',
      offenderBin: '123456789012',
      place: 'Tole bi 5',
      committedAt: '2020-03-01T10:30:00+05:00',
    };
    /** The defect, then the offence, recorded on the raid with one photo (a multipart form), by who records each. */
    const recordDefect = (photo: PhotoUpload) =>
      postForm(`${service.url}/raids/${raidId}/defects`, photoForm(defect, [photo]), bearer('moderator'));
    const recordOffence = (photo: PhotoUpload) =>
      postForm(`${service.url}/raids/${raidId}/offences`, photoForm(offence, [photo]), bearer('inspector'));

    it('records a defect with a photo: DefectFound names it, the raid shows it with its URL', async () => {
      const recorded = await recordDefect({ bytes: await phoneJpeg('#204060'), name: 'd.jpg' });
      expect(recorded.status).toBe(201);
      const found = await payloadOf(raidId, 'DefectFound');
      expect(found.photoEvidence).toEqual([
        expect.objectContaining({ mediaType: 'image/jpeg', width: 20, height: 40 }),
      ]);
      const sha = found.photoEvidence[0].sha256;
      expect((await fetch(`${service.url}/photos/${sha}`)).status).toBe(200);
      const raid = await http('GET', `${service.url}/raids/${raidId}`, { headers: bearer('moderator') });
      expect(raid.body.defects[0].photoEvidence[0]).toMatchObject({ sha256: sha, url: `/photos/${sha}` });
    });

    it('refuses a defect whose photo is no photo, recording nothing', async () => {
      const before = await counts();
      const refused = await recordDefect({ bytes: Buffer.from('%PDF-1.7 a scan'), name: 'scan.jpg' });
      expect(refused.status).toBe(415);
      expect(refused.body).toMatchObject({ field: 'photos[0]', found: 'a PDF document' });
      expect(await counts()).toEqual(before);
    });

    it('records an offence whose evidence is uploaded photos only; without either it is a 400 naming evidence', async () => {
      const recorded = await recordOffence({ bytes: await plainPng('#101010'), name: 'truck.png' });
      expect(recorded.status).toBe(201);
      const payload = await payloadOf(raidId, 'OffenceRecorded');
      expect(payload).toMatchObject({
        evidence: [],
        photoEvidence: [expect.objectContaining({ mediaType: 'image/png' })],
      });
      const bare = await http('POST', `${service.url}/raids/${raidId}/offences`, {
        body: offence,
        headers: bearer('inspector'),
      });
      expect(bare.status).toBe(400);
      expect(bare.body).toMatchObject({ field: 'evidence' });
    });
  });
});
