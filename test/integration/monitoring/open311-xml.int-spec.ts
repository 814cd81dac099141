import { createHash, randomUUID } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TOPICS, type CaseClosedV1, type CaseOpenedV1 } from '@app/contracts';
import {
  bearer,
  createTestDatabase,
  eventually,
  TestChain,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { kafkaUnderTest, MONITORING_TOPICS } from '../../support/kafka-under-test';
import { open311Client } from '../../support/open311-client';
import { OPEN311_SERVICE_CODES } from '../../support/open311-services';
import { spawnService } from '../../support/spawned-services';

// Open311 as FixMyStreet's client (perllib/Open311.pm) drives it: form-encoded posts with its api_key and
// jurisdiction_id, every method read as .xml and parsed with an XML parser, the answers held to the element names
// and order of the GeoReport v2 examples, and mySociety's servicerequestupdates.xml polled between two dates to
// follow the requests it sent. The test plays road-cases on Kafka to carry a case from opened to closed.

/** An element as the parser gives it with preserveOrder: its name, its text, its children in document order. */
interface Element {
  name: string;
  text: string;
  children: Element[];
}

const parser = new XMLParser({ preserveOrder: true, parseTagValue: false, ignoreDeclaration: true, trimValues: true });

function elements(nodes: Record<string, unknown>[]): Element[] {
  return nodes.flatMap((node) =>
    Object.entries(node)
      .filter(([name]) => name !== '#text' && name !== ':@')
      .map(([name, content]) => {
        const inner = content as Record<string, unknown>[];
        const text = inner
          .filter((n) => '#text' in n)
          .map((n) => String(n['#text']))
          .join('');
        return { name, text, children: elements(inner) };
      }),
  );
}

/** The document's root, once it is checked well-formed and declared UTF-8 before its root, as the spec requires. */
function xmlRoot(text: string): Element {
  expect(XMLValidator.validate(text)).toBe(true);
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  const roots = elements(parser.parse(text) as Record<string, unknown>[]);
  expect(roots).toHaveLength(1);
  return roots[0];
}

const names = (element: Element) => element.children.map((c) => c.name);
const child = (element: Element, name: string) => {
  const found = element.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${element.name}> has no <${name}>: ${names(element).join(', ')}`);
  return found;
};
const value = (element: Element, name: string) => child(element, name).text;
/** An element's members as name → text (for the flat ones). */
const fields = (element: Element) => Object.fromEntries(element.children.map((c) => [c.name, c.text]));

/** The members of a request in the order of the spec's GET Service Requests example; a server may leave some out. */
const SPEC_REQUEST_ORDER = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];
const REQUEST_MEMBERS = SPEC_REQUEST_ORDER.filter(
  (n) => !['service_notice', 'expected_datetime', 'address_id', 'zipcode'].includes(n),
);

describe('Open311 GeoReport v2 in XML, as a FixMyStreet client sees it', () => {
  const API_KEY = `fms-${randomUUID()}`;
  const JURISDICTION = 'taraz.example.kz';
  const { ns, produce } = kafkaUnderTest('open311-xml', MONITORING_TOPICS);
  const WAIT = { timeoutMs: 60_000, intervalMs: 300 };
  let db: TestDatabase;
  let service: ServiceProcess;
  const startedAt = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    db = await createTestDatabase('open311_xml');
    service = await spawnService('monitoring', db, 'open311-xml', {
      kafkaNamespace: ns,
      env: {
        OPEN311_JURISDICTION_ID: JURISDICTION,
        // Only the key's digest is configuration.
        OPEN311_API_KEYS: `fixmystreet=${createHash('sha256').update(API_KEY).digest('hex')},other-app=${'ab'.repeat(32)}`,
        REPORT_RATE_LIMIT_BURST: '4',
        REPORT_RATE_LIMIT_PER_MINUTE: '1',
      },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await db?.drop();
  });

  /** FixMyStreet posts form-encoded, api_key and jurisdiction_id among the fields. */
  const { get, post } = open311Client(() => service.url);
  const xml = (answer: { type: string; text: string }) => {
    expect(answer.type).toBe('text/xml; charset=utf-8');
    return xmlRoot(answer.text);
  };
  /** The spec's error document: <errors><error><code/><description/></error>…, the code the HTTP status. */
  const xmlErrors = (answer: { status: number; type: string; text: string }) => {
    const root = xml(answer);
    expect(root.name).toBe('errors');
    expect(new Set(names(root))).toEqual(new Set(['error']));
    return root.children.map((error) => {
      expect(names(error)).toEqual(['code', 'description']);
      expect(value(error, 'code')).toBe(String(answer.status));
      return value(error, 'description');
    });
  };
  const moderate = (id: string, step: string, body: object) =>
    fetch(`${service.url}/reports/${id}/${step}`, {
      method: 'POST',
      headers: { ...bearer('moderator'), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const accept = async (id: string) => {
    expect((await moderate(id, 'start-review', {})).status).toBe(200);
    expect((await moderate(id, 'accept', { meetingDate: '2026-11-26' })).status).toBe(200);
  };

  // What FixMyStreet's _populate_service_request_params sends: its description is "title\n\ndetail\n\nurl".
  const FMS_FORM = {
    jurisdiction_id: JURISDICTION,
    api_key: API_KEY,
    service_code: 'pothole',
    description: 'Pothole by the school gate\n\nDeep & wide, <1 m> across\u0007\n\nhttps://fms.example/report/17',
    first_name: 'Aigerim',
    last_name: 'Nurlanova',
    email: 'open311-xml-reporter@example.kz',
    lat: '42.900000',
    long: '71.366700',
    media_url: 'https://fms.example/photo/17.0.full.jpeg',
    'attribute[district]': 'Taraz',
  };
  let keyed: string;

  it('describes itself in XML: discovery, the service list and each service definition, in the spec’s shapes', async () => {
    const discovery = xml(await get('discovery.xml'));
    expect(discovery.name).toBe('discovery');
    expect(names(discovery)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const endpoints = child(discovery, 'endpoints');
    expect(names(endpoints)).toEqual(['endpoint']);
    const endpoint = child(endpoints, 'endpoint');
    expect(names(endpoint)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(fields(endpoint)).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${service.url}/open311/v2`,
      type: 'production',
    });
    expect(child(endpoint, 'formats').children.map((f) => [f.name, f.text])).toEqual([
      ['format', 'text/xml'],
      ['format', 'application/json'],
    ]);

    const list = await get('services.xml');
    const services = xml(list);
    expect(services.name).toBe('services');
    expect(services.children.map((s) => value(s, 'service_code'))).toEqual(OPEN311_SERVICE_CODES);
    for (const s of services.children) {
      expect(s.name).toBe('service');
      expect(names(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect(fields(s)).toMatchObject({ metadata: 'true', type: 'realtime', group: 'roads' });
    }
    // A path without an extension is no URL the spec writes; it gets the spec's required format, XML.
    const bare = await get('services');
    expect(bare.type).toBe('text/xml; charset=utf-8');
    expect(bare.text).toBe(list.text);
    // JSON stays as it was.
    const json = await get('services.json');
    expect(json.type).toMatch(/^application\/json/);
    expect(JSON.parse(json.text).map((s: { service_code: string }) => s.service_code)).toEqual(
      services.children.map((s) => value(s, 'service_code')),
    );

    for (const code of ['pothole', 'edge_break']) {
      const definition = xml(await get(`services/${code}.xml`));
      expect(definition.name).toBe('service_definition');
      expect(names(definition)).toEqual(['service_code', 'attributes']);
      expect(value(definition, 'service_code')).toBe(code);
      const attributes = child(definition, 'attributes');
      expect(names(attributes)).toEqual(['attribute']);
      const attribute = child(attributes, 'attribute');
      expect(names(attribute)).toEqual([
        'variable',
        'code',
        'datatype',
        'required',
        'datatype_description',
        'order',
        'description',
      ]);
      expect(fields(attribute)).toMatchObject({
        variable: 'true',
        code: 'district',
        datatype: 'string',
        required: 'true',
        order: '1',
      });
    }
  });

  it('files a request FixMyStreet posts with its api_key, records the client, and shows the request in XML', async () => {
    const filed = await post('requests.xml', FMS_FORM);
    expect(filed.status).toBe(201);
    const created = xml(filed);
    expect(created.name).toBe('service_requests');
    expect(names(created)).toEqual(['request']);
    const request = child(created, 'request');
    // FixMyStreet's send_service_request reads $obj->{request}->[0]->{service_request_id}.
    expect(names(request)).toEqual(['service_request_id', 'service_notice']);
    keyed = value(request, 'service_request_id');
    expect(keyed).toMatch(/^[0-9a-f-]{36}$/);
    expect(value(request, 'service_notice')).toContain('.xml');

    // The client is the report's upstream in its event's metadata; the citizen stays anonymous, their contact apart.
    const history = await fetch(`${service.url}/reports/${keyed}/history`, { headers: bearer('auditor') });
    const submitted = ((await history.json()) as { events: object[] }).events[0];
    expect(submitted).toMatchObject({
      type: 'ReportSubmitted',
      metadata: { actorId: 'anonymous', actorRole: 'anonymous', actorVia: 'open311:fixmystreet' },
    });
    const asModerator = await fetch(`${service.url}/reports/${keyed}`, { headers: bearer('moderator') });
    expect(await asModerator.json()).toMatchObject({
      anonymous: true,
      district: 'Taraz',
      contact: { name: 'Aigerim Nurlanova', email: 'open311-xml-reporter@example.kz' },
    });

    // Until the club accepts it, its filer sees its state and nothing of its text.
    const waiting = child(xml(await get(`requests/${keyed}.xml?jurisdiction_id=${JURISDICTION}`)), 'request');
    expect(names(waiting)).toEqual(REQUEST_MEMBERS);
    expect(fields(waiting)).toMatchObject({
      service_request_id: keyed,
      status: 'open',
      status_notes: 'Received; awaiting review by the club',
      service_name: 'Pothole',
      service_code: 'pothole',
      description: '',
      media_url: '',
      lat: '42.9',
      long: '71.3667',
    });

    await accept(keyed);
    const one = await get(`requests/${keyed}.xml`);
    expect(one.text).not.toMatch(/open311-xml-reporter@|Aigerim|Nurlanova/);
    const accepted = child(xml(one), 'request');
    expect(names(accepted)).toEqual(REQUEST_MEMBERS);
    // Escaped on the way out and read back as it was filed; a control character XML cannot carry is replaced.
    expect(value(accepted, 'description')).toBe(
      'Pothole by the school gate\n\nDeep & wide, <1 m> across\uFFFD\n\nhttps://fms.example/report/17',
    );
    expect(value(accepted, 'media_url')).toBe(FMS_FORM.media_url);
    expect(Date.parse(value(accepted, 'updated_datetime'))).toBeGreaterThan(
      Date.parse(value(accepted, 'requested_datetime')),
    );
    // Chicago's extended_attributes, asked for, come after the spec's members.
    const extended = child(xml(await get(`requests/${keyed}.xml?extensions=true`)), 'request');
    expect(names(extended)).toEqual([...REQUEST_MEMBERS, 'extended_attributes']);
    expect(fields(child(extended, 'extended_attributes'))).toMatchObject({
      integrity_square_status: 'accepted',
      integrity_square_receipt: expect.stringMatching(/^\/audit\/receipts\/[0-9a-f-]{36}$/),
    });
    const listed = xml(await get(`requests.xml?service_request_id=${keyed}`));
    expect(listed.children.map((r) => value(r, 'service_request_id'))).toEqual([keyed]);
  });

  it('takes anonymous posts as before, refuses a wrong api_key with 403, and counts an empty one as none', async () => {
    const { api_key: _key, ...anonymousForm } = FMS_FORM;
    const anonymous = await post('requests.xml', { ...anonymousForm, description: 'Anonymous pothole' });
    expect(anonymous.status).toBe(201);
    const id = value(child(xml(anonymous), 'request'), 'service_request_id');
    const history = await fetch(`${service.url}/reports/${id}/history`, { headers: bearer('auditor') });
    const { metadata } = ((await history.json()) as { events: { metadata: object }[] }).events[0];
    expect(metadata).toMatchObject({ actorId: 'anonymous', actorRole: 'anonymous' });
    expect(metadata).not.toHaveProperty('actorVia');

    const wrong = await post('requests.xml', { ...FMS_FORM, api_key: `${API_KEY}x` });
    expect(wrong.status).toBe(403);
    expect(xmlErrors(wrong)).toEqual([expect.stringMatching(/api_key/)]);
    const wrongJson = await post('requests.json', { ...FMS_FORM, api_key: 'not-a-key' });
    expect(wrongJson.status).toBe(403);
    expect(JSON.parse(wrongJson.text)).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);

    // Anonymous posts share the per-client allowance (4 at once): spend it; a registered client files on regardless.
    const statuses: number[] = [];
    for (let i = 0; i < 5 && statuses.at(-1) !== 429; i++)
      statuses.push((await post('requests.xml', { ...anonymousForm, lat: '95' })).status);
    expect(statuses.at(-1)).toBe(429);
    const empty = await post('requests.xml', { ...FMS_FORM, api_key: '' });
    expect(empty.status).toBe(429);
    expect(xmlErrors(empty)).toEqual([expect.stringMatching(/Too many/)]);
    expect((await post('requests.xml', { ...FMS_FORM, description: 'Second pothole' })).status).toBe(201);
  });

  it('serves the jurisdiction it is configured for, in any case or left out, and answers any other with 404', async () => {
    for (const query of [
      '',
      `?jurisdiction_id=${JURISDICTION}`,
      '?jurisdiction_id=TARAZ.example.KZ',
      '?jurisdiction_id=',
    ])
      expect((await get(`services.xml${query}`)).status).toBe(200);
    const other = await get('services.xml?jurisdiction_id=sfgov.org');
    expect(other.status).toBe(404);
    expect(xmlErrors(other)).toEqual([expect.stringMatching(/sfgov\.org.*taraz\.example\.kz/)]);
    const otherJson = await get('requests.json?jurisdiction_id=sfgov.org');
    expect(otherJson.status).toBe(404);
    expect(JSON.parse(otherJson.text)).toEqual([{ code: 404, description: expect.stringContaining('sfgov.org') }]);
    const posted = await post('requests.xml', { ...FMS_FORM, jurisdiction_id: 'sfgov.org' });
    expect(posted.status).toBe(404);
    expect(xmlErrors(posted)).toEqual([expect.stringContaining('sfgov.org')]);
  });

  it('answers errors in XML: bad input 400 naming the field, unknown services, requests and formats 404', async () => {
    const badLat = await post('requests.xml', { ...FMS_FORM, lat: 'north' });
    expect(badLat.status).toBe(400);
    expect(xmlErrors(badLat)).toEqual([expect.stringMatching(/^lat /)]);
    const unknownCode = await post('requests.xml', { ...FMS_FORM, service_code: 'streetlight' });
    expect(unknownCode.status).toBe(404);
    expect(xmlErrors(unknownCode)).toEqual([expect.stringContaining('streetlight')]);

    const unknownService = await get('services/streetlight.xml');
    expect(unknownService.status).toBe(404);
    expect(xmlErrors(unknownService)).toEqual([expect.stringContaining('streetlight')]);
    const unknownId = randomUUID();
    const unknownRequest = await get(`requests/${unknownId}.xml`);
    expect(unknownRequest.status).toBe(404);
    expect(xmlErrors(unknownRequest)).toEqual([expect.stringContaining(unknownId)]);
    const html = await get('services.html');
    expect(html.status).toBe(404);
    expect(xmlErrors(html)).toEqual([expect.stringMatching(/\.html.*\.xml or \.json/)]);
    const badDate = await get('requests.xml?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(xmlErrors(badDate)).toEqual([expect.stringMatching(/start_date/)]);
  });

  it('pages GET requests with page and page_size, bounded, newest first as without them', async () => {
    const ids: string[] = [];
    for (const description of ['Crack one', 'Crack two', 'Crack three']) {
      const filed = await post('requests.xml', { ...FMS_FORM, service_code: 'crack', description });
      expect(filed.status).toBe(201);
      const id = value(child(xml(filed), 'request'), 'service_request_id');
      await accept(id);
      ids.push(id);
    }
    const page = async (query: string) =>
      xml(await get(`requests.xml?service_code=crack&${query}`)).children.map((r) => value(r, 'service_request_id'));
    const newestFirst = [...ids].reverse();
    expect(await page('')).toEqual(newestFirst);
    expect(await page('page_size=2')).toEqual(newestFirst.slice(0, 2));
    expect(await page('page_size=2&page=2')).toEqual(newestFirst.slice(2));
    expect(await page('page_size=2&page=3')).toEqual([]);
    expect(await page('page=2')).toEqual([]);
    for (const bad of ['page_size=0', 'page_size=1001', 'page=0', 'page=two', 'page_size=1.5']) {
      const answer = await get(`requests.xml?${bad}`);
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
      expect(xmlErrors(answer)).toEqual([expect.stringMatching(/^page/)]);
    }
  });

  it('lets the client follow its request in servicerequestupdates.xml as the club and the road case move it on', async () => {
    // A rejected report's updates are in no answer, like the report itself.
    const rejected = value(
      child(xml(await post('requests.xml', { ...FMS_FORM, description: 'Courtyard' })), 'request'),
      'service_request_id',
    );
    expect((await moderate(rejected, 'start-review', {})).status).toBe(200);
    expect(
      (await moderate(rejected, 'reject', { meetingDate: '2026-11-26', reason: 'Private courtyard, not a road' }))
        .status,
    ).toBe(200);

    // What FixMyStreet's get_service_request_updates sends: its api_key (here none, so empty) and both dates.
    const updatesOf = async (id: string) => {
      const end = new Date(Date.now() + 60_000).toISOString();
      const answer = await get(
        `servicerequestupdates.xml?api_key=&jurisdiction_id=${JURISDICTION}&start_date=${startedAt}&end_date=${end}`,
      );
      expect(answer.status).toBe(200);
      const root = xml(answer);
      expect(root.name).toBe('service_request_updates');
      expect(answer.text).not.toMatch(/Private courtyard|open311-xml-reporter@|Aigerim/);
      for (const update of root.children) {
        expect(update.name).toBe('request_update');
        expect(names(update)).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description']);
      }
      expect(root.children.map((u) => value(u, 'service_request_id'))).not.toContain(rejected);
      return root.children.filter((u) => value(u, 'service_request_id') === id).map(fields);
    };

    const afterAcceptance = await updatesOf(keyed);
    expect(afterAcceptance.map((u) => [u.status, u.description])).toEqual([
      ['INVESTIGATING', 'Under review by the club'],
      ['ACTION_SCHEDULED', 'Accepted by the club and forwarded to the road authority'],
    ]);

    // road-cases opens a case for the report, then closes it repaired.
    const caseId = randomUUID();
    const chain = new TestChain('RoadCase', caseId);
    const opened: CaseOpenedV1 = {
      caseId,
      location: { lat: 42.9, lon: 71.3667 },
      district: 'Taraz',
      address: '42.9, 71.3667',
      defectType: 'pothole',
      source: 'report',
      reportIds: [keyed],
      raidId: null,
      openedAt: new Date().toISOString(),
    };
    await produce(TOPICS.roadCases, chain.next('CaseOpened', opened));
    await eventually(
      () => updatesOf(keyed),
      (updates) => updates.length === 3,
      { ...WAIT, what: 'the road case in the updates' },
    );
    const closed: CaseClosedV1 = { outcome: 'repaired', reportIds: [keyed] };
    await produce(TOPICS.roadCases, chain.next('CaseClosed', closed));
    const updates = await eventually(
      () => updatesOf(keyed),
      (found) => found.length === 4,
      { ...WAIT, what: 'the fix in the updates' },
    );
    expect(updates.map((u) => [u.status, u.description])).toEqual([
      ['INVESTIGATING', 'Under review by the club'],
      ['ACTION_SCHEDULED', 'Accepted by the club and forwarded to the road authority'],
      ['IN_PROGRESS', `Road case ${caseId} opened`],
      ['FIXED', 'Fixed'],
    ]);
    // Oldest first, each update with its own id, the same in every answer: a follower takes each one once.
    const times = updates.map((u) => Date.parse(u.updated_datetime));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(4);
    expect((await updatesOf(keyed)).map((u) => u.update_id)).toEqual(updates.map((u) => u.update_id));
    for (const u of updates) expect(u.update_id).toMatch(/^[0-9a-f-]{36}$/);

    // The same in JSON; the request itself now closed.
    const json = await get(`servicerequestupdates.json?start_date=${startedAt}`);
    expect(json.type).toMatch(/^application\/json/);
    expect(JSON.parse(json.text).filter((u: { service_request_id: string }) => u.service_request_id === keyed)).toEqual(
      updates.map((u) => ({ ...u })),
    );
    expect(fields(child(xml(await get(`requests/${keyed}.xml`)), 'request'))).toMatchObject({
      status: 'closed',
      status_notes: 'Fixed',
    });
    // A window after every update holds none of them.
    const later = xml(
      await get(
        `servicerequestupdates.xml?start_date=${new Date(Date.now() + 3_600_000).toISOString()}&end_date=${new Date(Date.now() + 7_200_000).toISOString()}`,
      ),
    );
    expect(later.children).toEqual([]);
  });
});
