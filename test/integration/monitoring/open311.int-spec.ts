import { randomUUID } from 'node:crypto';
import { bearer, createTestDatabase, eventually, type ServiceProcess, type TestDatabase } from '@app/testing';
import { open311Client, type Open311Answer } from '../../support/open311-client';
import { OPEN311_SERVICE_CODES } from '../../support/open311-services';
import { spawnService } from '../../support/spawned-services';

// The Open311 GeoReport v2 facade as a standard client sees it: form-encoded requests in, JSON out, no token.
describe('Open311 GeoReport v2 over HTTP', () => {
  let db: TestDatabase;
  let service: ServiceProcess;
  const BURST = 6;

  beforeAll(async () => {
    db = await createTestDatabase('open311');
    service = await spawnService('monitoring', db, 'open311', {
      env: { REPORT_RATE_LIMIT_BURST: String(BURST), REPORT_RATE_LIMIT_PER_MINUTE: '1' },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  const open311 = open311Client(() => service.url);
  const get = open311.get;
  const post = (form: Record<string, string>) => open311.post('requests.json', form);

  const json = (answer: { type: string; text: string }) => {
    expect(answer.type).toMatch(/^application\/json/);
    return JSON.parse(answer.text);
  };

  const FORM = {
    service_code: 'pothole',
    lat: '42.9',
    long: '71.3667',
    address_string: 'Tole bi 12, Taraz',
    description: 'Deep pothole by the school gate',
    media_url: 'https://photos.example/open311-1.jpg',
    email: 'open311-reporter@example.kz',
    first_name: 'Aigerim',
    last_name: 'Nurlanova',
    phone: '+7 701 555-44-33',
    'attribute[district]': 'Taraz',
  };
  let requestId: string;

  it('describes itself: discovery, the service list and a service definition', async () => {
    const discovery = await get('discovery.json');
    expect(discovery.status).toBe(200);
    expect(json(discovery)).toMatchObject({
      changeset: expect.any(String),
      contact: expect.any(String),
      key_service: expect.any(String),
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${service.url}/open311/v2`,
          changeset: expect.any(String),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });

    const services = await get('services.json');
    expect(services.status).toBe(200);
    const list = json(services);
    expect(list.map((s: { service_code: string }) => s.service_code)).toEqual(OPEN311_SERVICE_CODES);
    for (const s of list) {
      expect(s).toEqual({
        service_code: s.service_code,
        service_name: expect.any(String),
        description: expect.any(String),
        metadata: true,
        type: 'realtime',
        keywords: expect.any(String),
        group: 'roads',
      });
    }

    const pothole = await get('services/pothole.json');
    expect(pothole.status).toBe(200);
    expect(json(pothole)).toEqual({
      service_code: 'pothole',
      attributes: [
        expect.objectContaining({ variable: true, code: 'district', datatype: 'string', required: true, order: 1 }),
      ],
    });
  });

  it('files a request form-encoded, then shows it as open without any contact detail', async () => {
    const filed = await post(FORM);
    expect(filed.status).toBe(201);
    const answer = json(filed);
    expect(answer).toEqual([
      { service_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), service_notice: expect.any(String) },
    ]);
    requestId = answer[0].service_request_id;

    const one = await get(`requests/${requestId}.json`);
    expect(one.status).toBe(200);
    const body = json(one);
    expect(body).toHaveLength(1);
    // Found by the id only its filer holds; until the club accepts it, its text and photo are not published.
    expect(body[0]).toMatchObject({
      service_request_id: requestId,
      status: 'open',
      status_notes: 'Received; awaiting review by the club',
      service_code: 'pothole',
      description: '',
      address: 'Tole bi 12, Taraz',
      lat: 42.9,
      long: 71.3667,
      media_url: null,
      extended_attributes: { integrity_square_status: 'submitted' },
    });
    expect(one.text).not.toContain('Deep pothole');
    expect(body[0].extended_attributes).not.toHaveProperty('case_id');
    // The record links the receipt of the filing: the event, proved in the service's signed Merkle log.
    const receiptPath = body[0].extended_attributes.integrity_square_receipt;
    expect(receiptPath).toMatch(/^\/audit\/receipts\/[0-9a-f-]{36}$/);
    const receipt = await eventually(
      () => fetch(`${service.url}${receiptPath}`),
      (r) => r.status === 200,
      { what: 'the filing receipt', timeoutMs: 20_000 },
    );
    expect(await receipt.json()).toMatchObject({
      format: 'integrity-square/receipt/v1',
      service: 'monitoring',
      leaf: { streamId: requestId, streamVersion: 1 },
    });
    expect(Date.parse(body[0].requested_datetime)).not.toBeNaN();
    expect(Date.parse(body[0].updated_datetime)).toBeGreaterThanOrEqual(Date.parse(body[0].requested_datetime));
    expect(one.text).not.toMatch(/open311-reporter@|5554433|Aigerim|Nurlanova/);

    // The contact was kept apart for the club's moderators, as the JSON API keeps it (phone as digits).
    const asModerator = await fetch(`${service.url}/reports/${requestId}`, { headers: bearer('moderator') });
    expect(asModerator.status).toBe(200);
    expect(await asModerator.json()).toMatchObject({
      kind: 'road_defect',
      reporterId: null,
      anonymous: true,
      district: 'Taraz',
      contact: { name: 'Aigerim Nurlanova', phone: '+77015554433', email: 'open311-reporter@example.kz' },
    });
  });

  const moderate = (id: string, path: string, body: object) =>
    fetch(`${service.url}/reports/${id}/${path}`, {
      method: 'POST',
      headers: { ...bearer('moderator'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const ids = (answer: { text: string }) =>
    JSON.parse(answer.text).map((r: { service_request_id: string }) => r.service_request_id);

  it('lists only what the club accepted, by id, code, status and dates, never with contact details', async () => {
    // Unmoderated, the request is in no list, not even asked for by its id.
    expect(ids(await get('requests.json'))).not.toContain(requestId);
    expect(ids(await get(`requests.json?service_request_id=${requestId}`))).toEqual([]);
    expect((await moderate(requestId, 'start-review', {})).status).toBe(200);
    expect(ids(await get('requests.json'))).not.toContain(requestId);
    expect((await moderate(requestId, 'accept', { meetingDate: '2026-11-26' })).status).toBe(200);

    const byId = await get(`requests.json?service_request_id=${requestId},${randomUUID()}`);
    expect(byId.status).toBe(200);
    const listed = json(byId);
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([requestId]);
    expect(listed[0]).toMatchObject({
      status: 'open',
      service_code: 'pothole',
      lat: 42.9,
      long: 71.3667,
      description: 'Deep pothole by the school gate',
      media_url: 'https://photos.example/open311-1.jpg',
      extended_attributes: { integrity_square_status: 'accepted' },
    });
    expect(byId.text).not.toMatch(/open311-reporter@|5554433|Aigerim/);

    expect(ids(await get('requests.json'))).toContain(requestId);
    expect(ids(await get('requests.json?service_code=pothole&status=open'))).toContain(requestId);
    expect(ids(await get('requests.json?service_code=crack'))).not.toContain(requestId);
    expect(ids(await get('requests.json?status=closed'))).not.toContain(requestId);
    // The district extension: the citizens' map filters by the district the report names.
    expect(listed[0].extended_attributes.district).toBe('Taraz');
    expect(ids(await get('requests.json?district=Taraz&status=open'))).toEqual([requestId]);
    expect(ids(await get('requests.json?district=Merki'))).toEqual([]);
    expect(ids(await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-12-31T00:00:00Z'))).not.toContain(
      requestId,
    );

    const badDate = await get('requests.json?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(json(badDate)).toEqual([{ code: 400, description: expect.stringMatching(/start_date/) }]);
  });

  it('shows a report the club rejected to its filer as closed, without its text or the reason, and in no list', async () => {
    const filed = await post({ ...FORM, service_code: 'crack', description: 'Crack across the lane' });
    expect(filed.status).toBe(201);
    const id = json(filed)[0].service_request_id;
    expect((await moderate(id, 'start-review', {})).status).toBe(200);
    expect(
      (await moderate(id, 'reject', { meetingDate: '2026-11-26', reason: 'Private courtyard, not a public road' }))
        .status,
    ).toBe(200);

    const answer = await get(`requests/${id}.json`);
    const one = json(answer);
    expect(one).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'closed',
        service_code: 'crack',
        description: '',
        media_url: null,
        status_notes: 'Not accepted by the club',
        extended_attributes: expect.objectContaining({
          integrity_square_status: 'rejected',
          integrity_square_latest_receipt: expect.stringMatching(/^\/audit\/receipts\//),
        }),
      }),
    ]);
    expect(answer.text).not.toMatch(/Private courtyard|Crack across/);
    expect(Date.parse(one[0].updated_datetime)).toBeGreaterThan(Date.parse(one[0].requested_datetime));

    expect(ids(await get('requests.json?status=closed'))).toEqual([]);
    expect(ids(await get('requests.json?status=open'))).toEqual([requestId]);
    expect(ids(await get('requests.json?status=open,closed'))).toEqual([requestId]);
    expect(ids(await get(`requests.json?service_request_id=${id}`))).toEqual([]);
    const everything = await get('requests.json?service_code=crack');
    expect(everything.text).not.toMatch(/Private courtyard|Crack across/);
  });

  it('answers bad input with 400 naming the field, and unknown services and requests with 404, in Open311 format', async () => {
    const badLat = await post({ ...FORM, lat: '95' });
    expect(badLat.status).toBe(400);
    expect(json(badLat)).toEqual([{ code: 400, description: expect.stringMatching(/^lat /) }]);

    const noDistrict = await post(
      Object.fromEntries(Object.entries(FORM).filter(([k]) => k !== 'attribute[district]')),
    );
    expect(noDistrict.status).toBe(400);
    expect(json(noDistrict)).toEqual([{ code: 400, description: expect.stringMatching(/attribute\[district\]/) }]);

    const unknownCode = await post({ ...FORM, service_code: 'streetlight' });
    expect(unknownCode.status).toBe(404);
    expect(json(unknownCode)).toEqual([{ code: 404, description: expect.stringMatching(/streetlight/) }]);

    const unknownService = await get('services/streetlight.json');
    expect(unknownService.status).toBe(404);
    expect(json(unknownService)).toEqual([{ code: 404, description: expect.stringMatching(/streetlight/) }]);

    const unknownId = randomUUID();
    const unknownRequest = await get(`requests/${unknownId}.json`);
    expect(unknownRequest.status).toBe(404);
    expect(json(unknownRequest)).toEqual([{ code: 404, description: expect.stringContaining(unknownId) }]);
  });

  it('holds anonymous posts to the same per-client allowance as POST /reports, answering 429 in Open311 format', async () => {
    // Five posts so far; the allowance of BURST refills at one a minute, so one more passes and the next is refused.
    const statuses: number[] = [];
    let last: Open311Answer = { status: 0, type: '', text: '', retryAfter: null };
    for (let i = 0; i < 3 && last.status !== 429; i++) {
      last = await post({ ...FORM, lat: '95' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([400, 429]);
    expect(json(last)).toEqual([{ code: 429, description: expect.stringMatching(/Too many/) }]);
    // One token refills in a minute, less what has passed since the burst was spent.
    expect(Number(last.retryAfter)).toBeGreaterThan(0);
    expect(Number(last.retryAfter)).toBeLessThanOrEqual(60);
  });
});
