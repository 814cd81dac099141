import { bearer, createTestDatabase, http, type ServiceProcess, type TestDatabase } from '@app/testing';
import { TOLE_BI_POTHOLE } from '../support/report-bodies';
import { spawnService } from '../support/spawned-services';

// Inputs that used to get HTTP 500 (most are public or anonymous), against real budgets, monitoring and road-cases
// processes on one real database: each now a 400 naming the field, and nothing appended.
describe('hostile input gets a 400 naming the problem, never a 500', () => {
  let db: TestDatabase;
  const services: Record<string, ServiceProcess> = {};
  const road = TOLE_BI_POTHOLE;
  const unknownCase = '00000000-0000-4000-8000-000000000000';
  const openCase = {
    location: { lat: 42.9, lon: 71.37 },
    district: 'Taraz',
    address: 'Taraz, 12 Abai street',
    defectType: 'pothole',
    description: 'A pothole about a metre across',
  };
  const signContract = {
    programmeId: unknownCase,
    contractorBin: '123456789012',
    contractorName: 'Zhambyl Zhol Kurylys LLP',
    subject: 'Current repair of the roads of Taraz, 2020',
    roadSegment: { roadName: 'Taraz–Shu', fromKm: 10, toKm: 35 },
    amountTiyn: 1,
    signedAt: '2020-03-05',
    warrantyMonths: 36,
  };

  beforeAll(async () => {
    db = await createTestDatabase('hostile');
    for (const name of ['budgets', 'monitoring', 'road-cases'])
      services[name] = await spawnService(name, db, `hostile-${name}`);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await db?.drop();
  });

  const eventCount = async () => {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM budgets.events) + (SELECT count(*) FROM monitoring.events) + (SELECT count(*) FROM road_cases.events) AS n`,
      );
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  };

  const deep = `{"kind":"road_defect","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  const cases: {
    name: string;
    service: string;
    method: string;
    path: string;
    role?: 'official' | 'inspector' | 'citizen';
    contentType?: string;
    body?: unknown;
    field: string;
  }[] = [
    {
      name: 'a page past any OFFSET',
      service: 'budgets',
      method: 'GET',
      path: '/contracts?page=1000000000000000000',
      role: 'official',
      field: 'page',
    },
    {
      name: 'a year past int4',
      service: 'budgets',
      method: 'GET',
      path: '/programmes?year=3000000000',
      role: 'official',
      field: 'year',
    },
    { name: 'NUL in a path parameter', service: 'road-cases', method: 'GET', path: '/cases/%00/public', field: 'id' },
    {
      name: 'NUL in an Open311 query',
      service: 'monitoring',
      method: 'GET',
      path: '/open311/v2/requests.json?service_request_id=%00',
      field: 'service_request_id',
    },
    {
      name: 'an ISO week date new Date cannot parse',
      service: 'monitoring',
      method: 'GET',
      path: '/open311/v2/requests.json?start_date=2020-W01-1',
      field: 'start_date',
    },
    {
      name: 'a lone surrogate in a report',
      service: 'monitoring',
      method: 'POST',
      path: '/reports',
      role: 'citizen',
      body: `{"kind":"road_defect","description":"\\ud800","road":${JSON.stringify(road)}}`,
      field: 'description',
    },
    {
      name: 'NUL in a report',
      service: 'monitoring',
      method: 'POST',
      path: '/reports',
      role: 'citizen',
      body: `{"kind":"road_defect","description":"a\\u0000b","road":${JSON.stringify(road)}}`,
      field: 'description',
    },
    {
      name: '20,000 nested arrays in an unknown field',
      service: 'monitoring',
      method: 'POST',
      path: '/reports',
      body: deep,
      field: 'x',
    },
    {
      name: 'asOf past int4',
      service: 'road-cases',
      method: 'GET',
      path: `/cases/${unknownCase}?asOf=3000000000`,
      role: 'inspector',
      field: 'asOf',
    },
    // A JSON number past 2^53 is read as a float that is still an "integer": it would be silently rounded.
    {
      name: 'a cost past 2^53 tiyn',
      service: 'road-cases',
      method: 'POST',
      path: `/cases/${unknownCase}/verify`,
      role: 'inspector',
      body: '{"severity":"high","areaM2":1,"estimatedCostTiyn":10000000000000000000}',
      field: 'estimatedCostTiyn',
    },
    {
      name: 'an allocation past 2^53 tiyn',
      service: 'budgets',
      method: 'POST',
      path: `/programmes/${unknownCase}/amend`,
      role: 'official',
      body: '{"newAllocationTiyn":10000000000000000000,"reason":"x"}',
      field: 'newAllocationTiyn',
    },
    {
      name: 'afterVersion past int4',
      service: 'road-cases',
      method: 'GET',
      path: `/cases/${unknownCase}/history?afterVersion=99999999999`,
      role: 'inspector',
      field: 'afterVersion',
    },
    // Found by the route fuzz test (route-fuzz.int-spec.ts): @ValidateNested took a list, IsLatitude took text.
    {
      name: 'a location given as a list',
      service: 'road-cases',
      method: 'POST',
      path: '/cases',
      role: 'inspector',
      body: { ...openCase, location: [] },
      field: 'location',
    },
    {
      name: 'a latitude given as text',
      service: 'road-cases',
      method: 'POST',
      path: '/cases',
      role: 'inspector',
      body: { ...openCase, location: { lat: '+1', lon: 71.37 } },
      field: 'location.lat',
    },
    {
      name: 'a path id that is not a UUID',
      service: 'road-cases',
      method: 'GET',
      path: "/cases/'%20OR%20'1'='1/public",
      field: 'id',
    },
    {
      name: 'a path id whose percent-escape is no UTF-8 (a lone surrogate, WTF-8)',
      service: 'road-cases',
      method: 'GET',
      path: '/cases/%ED%A0%80/public',
      field: 'id',
    },
    {
      name: 'a BIN of 13 digits',
      service: 'budgets',
      method: 'GET',
      path: '/institutions/1234567890123',
      field: 'bin',
    },
    {
      name: 'malformed JSON',
      service: 'monitoring',
      method: 'POST',
      path: '/reports',
      body: '{"kind":',
      field: 'body',
    },
    {
      name: 'an ISO week date as a signing date',
      service: 'budgets',
      method: 'POST',
      path: '/contracts',
      role: 'official',
      body: { ...signContract, signedAt: '2020-W10-1' },
      field: 'signedAt',
    },
    {
      name: 'a due time without its zone',
      service: 'road-cases',
      method: 'POST',
      path: `/cases/${unknownCase}/assign`,
      role: 'official',
      body: { contractorBin: '123456789012', contractId: unknownCase, dueAt: '2020-03-05T10:00:00' },
      field: 'dueAt',
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await eventCount();
    const answer = await http(c.method, `${services[c.service].url}${c.path}`, {
      body: c.body,
      headers: c.role ? bearer(c.role) : {},
    });
    expect({ status: answer.status }).toEqual({ status: 400 });
    // Open311 answers in its own error shape; every other route in the project's.
    const named = Array.isArray(answer.body)
      ? answer.body[0].description
      : `${answer.body.field} ${answer.body.message}`;
    expect(named).toContain(c.field);
    expect(await eventCount()).toBe(before);
  });

  // body-parser refuses these before any pipe: Nest maps its http-errors to HttpException, the filter keeps the status.
  it.each([
    [
      'a body past the size limit',
      '{"a":"' + 'x'.repeat(2_000_000) + '"}',
      'application/json',
      413,
      'payload_too_large',
    ],
    ['a charset body-parser cannot read', '{}', 'application/json; charset=koi8-r', 415, 'unsupported_media_type'],
  ])('%s keeps its 4xx, in the error shape', async (_name, body, contentType, status, error) => {
    const before = await eventCount();
    const answer = await http('POST', `${services.monitoring.url}/reports`, {
      body,
      headers: { 'content-type': contentType },
    });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status,
      body: { statusCode: status, error, message: expect.any(String) },
    });
    expect(await eventCount()).toBe(before);
  });

  it('still takes the ordinary request each hostile one was made from', async () => {
    const filed = await http('POST', `${services.monitoring.url}/reports`, {
      body: { kind: 'road_defect', description: 'Яма 🚧 by the school', road },
      headers: bearer('citizen'),
    });
    expect(filed.status).toBe(201);
    expect(
      (await http('GET', `${services.monitoring.url}/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z`)).status,
    ).toBe(200);
    expect(
      (await http('GET', `${services.budgets.url}/contracts?page=2`, { headers: bearer('official') })).status,
    ).toBe(200);
  });
});
