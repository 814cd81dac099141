import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import pg from 'pg';
import { TOPICS, type CaseClosedV1, type CaseOpenedV1 } from '@app/contracts';
import {
  bearer,
  createTestDatabase,
  eventually,
  http,
  TestChain,
  type ServiceProcess,
  type TestDatabase,
} from '@app/testing';
import { TestMailbox } from '../../support/test-mailbox';
import { verifyWebhookSignature } from '../../../apps/monitoring/src/notifications/webhook-signature';
import { kafkaUnderTest, MONITORING_TOPICS } from '../../support/kafka-under-test';
import { budgetReportBody } from '../../support/report-bodies';
import { spawnService } from '../../support/spawned-services';

// A reporter who left an e-mail is told of every status change of their report and of its road case, in the
// language they chose, by a real SMTP server (smtp-server) that the test takes down for a while; a third party's
// webhook receiver refuses twice before it accepts; the Atom feeds are read with an XML parser against RFC 4287.
// Road-cases is played on Kafka, as the other monitoring tests do. The address is in no event and no outbox row.

const EMAIL = `aigerim.${randomUUID().slice(0, 8)}@example.kz`;
const SECRET = 'webhook-secret-for-the-test-0123456789';
const DISTRICT = `Taraz-${randomUUID().slice(0, 6)}`;
const BIN = '990140000123';
const CONTRACTOR = '080540001234';
const WAIT = { timeoutMs: 60_000, intervalMs: 250 };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

describe('citizens kept informed: e-mail, webhooks and Atom feeds', () => {
  const { ns, produce, reading } = kafkaUnderTest('citizen-notifications', MONITORING_TOPICS);
  const mailbox = new TestMailbox();
  const received: Received[] = [];
  let receiver: Server;
  let receiverUrl: string;
  let db: TestDatabase;
  let admin: pg.Client;
  let service: ServiceProcess;
  const published: string[] = [];
  reading(TOPICS.monitoring, (message) => {
    const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    published.push(`${message.value?.toString() ?? ''}\n${headers.join('\n')}`);
  });

  beforeAll(async () => {
    await mailbox.start();
    // The webhook receiver refuses the first two deliveries it gets (a subscriber's outage), then accepts.
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const answered = received.length < 2 ? 503 : 204;
        received.push({ headers: req.headers, body, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/integrity`;

    db = await createTestDatabase('citizen_notifications');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    service = await spawnService('monitoring', db, 'citizen-notifications', {
      kafkaNamespace: ns,
      env: {
        SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
        SMTP_FROM: 'Integrity Square <notices@integrity-square.local>',
        NOTIFICATIONS_POLL_MS: '200',
        NOTIFICATIONS_RETRY_BASE_MS: '300',
        NOTIFICATIONS_RETRY_MAX_MS: '1500',
        NOTIFICATIONS_MAX_ATTEMPTS: '40',
      },
    });
  });

  afterAll(async () => {
    await service?.stop();
    await admin?.end().catch(() => undefined);
    await db?.drop();
    await mailbox.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  const call = (
    method: string,
    path: string,
    role?: 'citizen' | 'moderator' | 'operator' | 'auditor',
    body?: unknown,
  ) => http(method, `${service.url}${path}`, { body, headers: role ? bearer(role) : {} });
  const deliveries = async (query: string) => {
    const answer = await call('GET', `/ops/notifications/deliveries?${query}`, 'operator');
    expect(answer.status).toBe(200);
    return answer.body.items as Array<{
      deliveryId: string;
      noticeId: string;
      channel: string;
      status: string;
      attempts: number;
      lastError: string | null;
    }>;
  };
  const feed = async (path: string) => {
    const response = await fetch(`${service.url}${path}`, { signal: AbortSignal.timeout(15_000) });
    const text = await response.text();
    return { status: response.status, type: response.headers.get('content-type'), text };
  };
  const atom = (text: string) => {
    expect(XMLValidator.validate(text)).toBe(true);
    return new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@',
      isArray: (name) => ['entry', 'link'].includes(name),
    }).parse(text).feed;
  };

  /** RFC 4287's required elements: feed id, title, updated, author (none on the entries) and rel=self; entries' id, title, updated, content. */
  function expectAtom(f: Record<string, any>, selfPath: string) {
    const IRI = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(f.id).toMatch(IRI);
    expect(typeof f.title['#text']).toBe('string');
    expect(f.updated).toMatch(RFC3339);
    expect(f.author.name).toBe('Integrity Square');
    const self = f.link.find((l: Record<string, string>) => l['@rel'] === 'self');
    expect(new URL(self['@href']).pathname + new URL(self['@href']).search).toBe(selfPath);
    for (const entry of f.entry ?? []) {
      expect(entry.id).toMatch(IRI);
      expect(entry.title['#text'].length).toBeGreaterThan(0);
      expect(entry.updated).toMatch(RFC3339);
      expect(entry.content['@type']).toBe('text');
      expect(entry.content['#text'].length).toBeGreaterThan(0);
    }
  }

  const roadReport = (language?: string) => ({
    kind: 'road_defect',
    description: 'Deep pothole by the school',
    road: {
      location: { lat: 42.9, lon: 71.3667 },
      district: DISTRICT,
      address: 'Tole bi 12',
      defectType: 'pothole',
    },
    contact: { name: 'Aigerim', email: EMAIL },
    ...(language ? { language } : {}),
  });
  let reportId: string;
  let caseId: string;

  it('registers a webhook subscriber for operators only, refusing a bad registration naming the field', async () => {
    const subscriber = { url: receiverUrl, secret: SECRET, kinds: ['ReportAccepted', 'ReportResolved'] };
    expect((await call('POST', '/ops/webhooks', 'auditor', subscriber)).status).toBe(403);
    const bad = await call('POST', '/ops/webhooks', 'operator', { ...subscriber, kinds: ['ReportLost'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kinds');
    const short = await call('POST', '/ops/webhooks', 'operator', { ...subscriber, secret: 'short' });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain('secret');
    const registered = await call('POST', '/ops/webhooks', 'operator', { ...subscriber, description: 'news desk' });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ url: receiverUrl, kinds: subscriber.kinds, active: true });
    expect(JSON.stringify(registered.body)).not.toContain(SECRET);
    const listed = await call('GET', '/ops/webhooks', 'operator');
    expect(listed.body.items.map((s: { subscriberId: string }) => s.subscriberId)).toEqual([
      registered.body.subscriberId,
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
  });

  it('takes a language of kk, ru or en with a report, and refuses another naming the field', async () => {
    const refused = await call('POST', '/reports', 'citizen', roadReport('de'));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('language');
  });

  it('e-mails the reporter at each status change of the report and of its case, in their language, once each', async () => {
    const filed = await call('POST', '/reports', 'citizen', roadReport('ru'));
    expect(filed.status).toBe(201);
    reportId = filed.body.id;
    await eventually(
      async () => mailbox.to(EMAIL),
      (m) => m.length === 1,
      { ...WAIT, what: 'the receipt' },
    );
    expect((await call('POST', `/reports/${reportId}/start-review`, 'moderator', {})).status).toBe(200);
    expect((await call('POST', `/reports/${reportId}/accept`, 'moderator', { meetingDate: '2026-11-26' })).status).toBe(
      200,
    );
    await eventually(
      async () => mailbox.to(EMAIL),
      (m) => m.length === 3,
      { ...WAIT, what: 'the review and the acceptance' },
    );

    caseId = randomUUID();
    const chain = new TestChain('RoadCase', caseId);
    const opened: CaseOpenedV1 = {
      caseId,
      location: { lat: 42.9, lon: 71.3667 },
      district: DISTRICT,
      address: 'Tole bi 12',
      defectType: 'pothole',
      source: 'report',
      reportIds: [reportId],
      raidId: null,
      openedAt: new Date().toISOString(),
    };
    // The case's steps, as road-cases publishes them: each one e-mail.
    const steps: [string, object][] = [
      ['CaseOpened', opened],
      ['DefectVerified', { severity: 'high', areaM2: 1.5, estimatedCostTiyn: 9_000_000 }],
      [
        'ContractorAssigned',
        {
          contractorBin: CONTRACTOR,
          contractId: 'C-1',
          dueAt: '2026-12-20T18:00:00.000Z',
          underWarranty: false,
          assignment: 1,
        },
      ],
      ['RepairReported', { contractorBin: CONTRACTOR }],
      [
        'RepairAccepted',
        { actualCostTiyn: 8_000_000, underWarranty: false, contractId: 'C-1', contractorBin: CONTRACTOR, onTime: true },
      ],
    ];
    for (const [index, [type, payload]] of steps.entries()) {
      await produce(TOPICS.roadCases, chain.next(type, payload));
      await eventually(
        async () => mailbox.to(EMAIL),
        (m) => m.length === 4 + index,
        { ...WAIT, what: `the case step ${type}` },
      );
    }

    // The SMTP server goes away; the case is closed meanwhile: the mail waits, retried, in the delivery log.
    await mailbox.stop();
    const closed: CaseClosedV1 = { outcome: 'repaired', reportIds: [reportId] };
    await produce(TOPICS.roadCases, chain.next('CaseClosed', closed));
    const failing = await eventually(
      () => deliveries('channel=email&status=pending'),
      (rows) => rows.some((r) => r.attempts >= 2 && r.lastError !== null),
      { ...WAIT, what: 'retried attempts while the SMTP server is down' },
    );
    const waiting = failing.find((r) => r.attempts >= 2)!;
    expect(waiting.lastError).not.toContain('@');
    expect(mailbox.to(EMAIL)).toHaveLength(8);
    await mailbox.start();
    await eventually(
      async () => mailbox.to(EMAIL),
      (m) => m.length === 9,
      { ...WAIT, what: 'the fix, once the SMTP server is back' },
    );
    const [after] = await deliveries(`channel=email&noticeId=${encodeURIComponent(waiting.noticeId)}`);
    expect(after).toMatchObject({ status: 'delivered', lastError: null });
    expect(after.attempts).toBeGreaterThanOrEqual(3);

    // Nothing more comes: one e-mail per change, none doubled.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const mails = mailbox.to(EMAIL);
    expect(mails.map((m) => m.subject)).toEqual([
      'Ваше обращение получено',
      'Ваше обращение рассматривается',
      'Ваше обращение принято',
      'Открыто дорожное дело',
      'Дефект подтверждён',
      'Назначен подрядчик',
      'Подрядчик сообщил о ремонте',
      'Ремонт принят',
      'Дефект устранён',
    ]);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(9);
    expect(mails[5].text).toContain(`поручено подрядчику с БИН ${CONTRACTOR}, срок — 2026-12-20.`);
    expect(mails[4].text).toContain('серьёзность: высокая');
    expect(mails[3].text).toContain(`По обращению ${reportId} открыто дорожное дело ${caseId}.`);
    expect(mails[2].text).toContain('передал его в дорожную службу');
    expect(mails.every((m) => m.headers.get('content-language') === 'ru')).toBe(true);
    expect(mails.map((m) => m.from?.value)).toEqual(
      Array(9).fill([{ name: 'Integrity Square', address: 'notices@integrity-square.local' }]),
    );
    const emailLog = await deliveries('channel=email');
    expect(emailLog.map((r) => r.status)).toEqual(Array(9).fill('delivered'));
    expect(new Set(emailLog.map((r) => r.noticeId)).size).toBe(9);
  });

  it('delivers to the webhook subscriber signed, after it refused twice, and logs the attempts', async () => {
    const kinds = () => received.filter((r) => r.answered === 204).map((r) => r.headers['integrity-event']);
    await eventually(
      async () => kinds(),
      (k) => k.includes('ReportAccepted') && k.includes('ReportResolved'),
      { ...WAIT, what: 'both webhook deliveries accepted' },
    );
    expect(received.slice(0, 2).map((r) => r.answered)).toEqual([503, 503]);
    expect(received.filter((r) => r.headers['integrity-event'] === 'ReportAccepted').map((r) => r.answered)).toEqual(
      expect.arrayContaining([503, 204]),
    );
    for (const delivery of received) {
      const signature = delivery.headers['integrity-signature'] as string;
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(SECRET, signature, delivery.body)).toBe(true);
      expect(verifyWebhookSignature('another-secret-entirely-0123456789', signature, delivery.body)).toBe(false);
      expect(delivery.body).not.toContain(EMAIL);
    }
    const accepted = received.find((r) => r.answered === 204 && r.headers['integrity-event'] === 'ReportAccepted')!;
    const body = JSON.parse(accepted.body);
    expect(body).toMatchObject({
      kind: 'ReportAccepted',
      reportId,
      status: 'accepted',
      district: DISTRICT,
      language: 'ru',
      text: { title: 'Ваше обращение принято' },
    });
    expect(accepted.headers['integrity-notice']).toBe(body.noticeId);
    const [log] = await deliveries(`channel=webhook&noticeId=${encodeURIComponent(body.noticeId)}`);
    expect(log).toMatchObject({ status: 'delivered', deliveryId: accepted.headers['integrity-delivery'] });
    expect(log.attempts).toBe(received.filter((r) => r.headers['integrity-notice'] === body.noticeId).length);
    expect(log.attempts).toBeGreaterThanOrEqual(2);
    // Only the kinds it subscribed to.
    expect(new Set(received.map((r) => r.headers['integrity-event']))).toEqual(
      new Set(['ReportAccepted', 'ReportResolved']),
    );
  });

  it('serves the report, district and institution Atom feeds, newest first, paged, without personal data', async () => {
    const one = await feed(`/feeds/reports/${reportId}`);
    expect(one.status).toBe(200);
    expect(one.type).toBe('application/atom+xml; charset=utf-8');
    const f = atom(one.text);
    expectAtom(f, `/feeds/reports/${reportId}`);
    expect(f['@xml:lang']).toBe('ru');
    expect(f.entry.map((e: { title: { '#text': string } }) => e.title['#text'])).toEqual([
      'Дефект устранён',
      'Ремонт принят',
      'Подрядчик сообщил о ремонте',
      'Назначен подрядчик',
      'Дефект подтверждён',
      'Открыто дорожное дело',
      'Ваше обращение принято',
      'Ваше обращение рассматривается',
      'Ваше обращение получено',
    ]);
    expect(f.updated).toBe(f.entry[0].updated);
    const again = atom((await feed(`/feeds/reports/${reportId}`)).text);
    expect(again.entry.map((e: { id: string }) => e.id)).toEqual(f.entry.map((e: { id: string }) => e.id));
    expect(new Set(f.entry.map((e: { id: string }) => e.id)).size).toBe(9);

    const english = atom((await feed(`/feeds/reports/${reportId}?lang=en`)).text);
    expect(english['@xml:lang']).toBe('en');
    expect(english.entry[0].title['#text']).toBe('The defect was fixed');
    expect(english.entry.map((e: { id: string }) => e.id)).toEqual(f.entry.map((e: { id: string }) => e.id));

    const page1 = atom((await feed(`/feeds/reports/${reportId}?limit=2`)).text);
    expect(page1.entry).toHaveLength(2);
    const rels = (x: { link: Record<string, string>[] }) =>
      Object.fromEntries(x.link.map((l) => [l['@rel'], l['@href']]));
    const next = new URL(rels(page1).next);
    expect(next.searchParams.get('page')).toBe('2');
    const page5 = atom((await feed(`/feeds/reports/${reportId}?limit=2&page=5`)).text);
    expect(page5.entry.map((e: { id: string }) => e.id)).toEqual([f.entry[8].id]);
    expect(rels(page5).next).toBeUndefined();
    expect(rels(page5).previous).toContain('page=4');

    const district = await feed(`/feeds/districts/${encodeURIComponent(DISTRICT)}`);
    expect(district.type).toBe('application/atom+xml; charset=utf-8');
    const d = atom(district.text);
    expectAtom(d, `/feeds/districts/${DISTRICT}`);
    expect(d['@xml:lang']).toBe('kk');
    expect(d.entry).toHaveLength(9);
    expect(d.title['#text']).toBe(`${DISTRICT}: өтініштер`);

    const budget = await call('POST', '/reports', 'citizen', budgetReportBody(BIN, 2026, { language: 'en' }));
    expect(budget.status).toBe(201);
    const institution = await eventually(
      async () => atom((await feed(`/feeds/institutions/${BIN}?lang=en`)).text),
      (x) => (x.entry ?? []).length === 1,
      { ...WAIT, what: 'the institution feed' },
    );
    expectAtom(institution, `/feeds/institutions/${BIN}?lang=en`);
    expect(institution.title['#text']).toBe(`Reports on the institution with BIN ${BIN}`);
    expect(institution.entry[0].content['#text']).toBe(
      `Report ${budget.body.id} was received and awaits the club's review.`,
    );

    expect((await feed('/feeds/institutions/12345')).status).toBe(400);
    expect((await feed(`/feeds/reports/${randomUUID()}`)).status).toBe(404);
    expect((await feed(`/feeds/districts/${DISTRICT}?lang=fr`)).status).toBe(400);
    for (const text of [one.text, district.text]) {
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('Aigerim');
      expect(text).not.toContain('test-citizen');
    }
  });

  it('puts the e-mail address in no published event and no outbox or log row', async () => {
    await eventually(
      async () => published.filter((m) => m.includes(reportId)).length,
      (n) => n >= 6,
      { ...WAIT, what: "the report's published events" },
    );
    expect(published.some((m) => m.includes('ReportResolved'))).toBe(true);
    expect(published.filter((m) => m.includes(EMAIL))).toEqual([]);
    const tables = [
      'events',
      'report_notices',
      'case_notices',
      'notification_deliveries',
      'notification_fanouts',
      'report_board',
    ];
    for (const table of tables) {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM monitoring.${table} t WHERE t::text LIKE $1`, [
        `%${EMAIL}%`,
      ]);
      expect({ table, rows: rows[0].n }).toEqual({ table, rows: 0 });
    }
    const { rows } = await admin.query(
      `SELECT count(*)::int AS n FROM monitoring.personal_data WHERE subject_id = $1 AND fields->>'email' = $2`,
      [reportId, EMAIL],
    );
    expect(rows[0].n).toBe(1);
    expect(service.output()).not.toContain(EMAIL);
  });
});
