import { randomUUID } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { addCalendarDays, almatyDate, kazakhstanCalendar } from '@app/domain-kernel';
import type { Role } from '@app/platform';
import { bearer, eventually, http, uniqueNamespace, type ServiceProcess } from '@app/testing';
import { roadReportBody } from '../support/report-bodies';
import { expectedInstitutionRow, institutionRow } from '../support/public-control-rows';
import { expectAnswer, withOutputOf } from '../support/service-calls';
import { spawnedServices } from '../support/spawned-services';
import { TestMailbox } from '../support/test-mailbox';
import { validBin } from '../support/valid-bins';

// The public-control loop of the Law "On Public Control" art. 13 end to end, on monitoring, road-cases and fines as
// their own processes over real Kafka and Postgres, with a real SMTP server: a citizen's report, the club's final
// documents to two institutions, one answering in time and the other not at all, the sweep marking it overdue, the
// escalation, and liability recorded with a fine the fines service really issued. The citizen, who chose Russian,
// is e-mailed once per step (counted: expected, sent, duplicated, lost), and the public scoreboard shows both.
describe('public control from a citizen’s report to liability, the citizen told at each step', () => {
  const ns = uniqueNamespace('e2e-public-control');
  const WAIT = { timeoutMs: 90_000, intervalMs: 300 };
  const EMAIL = `dana.${randomUUID().slice(0, 8)}@example.kz`;
  const prompt = validBin();
  const silent = validBin();
  const mailbox = new TestMailbox();
  // The mailbox must listen before monitoring starts: its port is in SMTP_URL.
  beforeAll(() => mailbox.start());
  afterAll(() => mailbox.stop());
  const { services } = spawnedServices(
    'public_control_loop',
    {
      monitoring: {
        app: 'monitoring',
        // Read when the process starts, after the mailbox has its port.
        get env() {
          return {
            SMTP_URL: `smtp://127.0.0.1:${mailbox.port}`,
            SMTP_FROM: 'Integrity Square <notices@integrity-square.local>',
            NOTIFICATIONS_POLL_MS: '200',
            PUBLIC_CONTROL_OVERDUE_SWEEP_SECONDS: '0',
          };
        },
      },
      roadCases: { app: 'road-cases', env: { ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0' } },
      fines: { app: 'fines', env: { FINE_OVERDUE_SWEEP_SECONDS: '0' } },
    },
    { kafkaNamespace: ns, ready: WAIT },
  );
  const failWithOutput = withOutputOf(() => Object.values(services));
  const wait = <T>(fn: () => Promise<T>, accept: (value: T) => boolean, what: string) =>
    failWithOutput(eventually(fn, accept, { ...WAIT, what }));

  const call = (service: ServiceProcess, method: string, path: string, role?: Role, body?: unknown, bin?: string) =>
    http(method, `${service.url}${path}`, { body, headers: role ? bearer(role, undefined, bin) : {} });
  /** A monitoring command that must answer `status`: its body, or an error naming what came instead. */
  const ok = async (method: string, path: string, role: Role, body: unknown = {}, status = 200, bin?: string) => {
    const answer = await call(services.monitoring, method, path, role, body, bin);
    if (answer.status !== status)
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const today = () => almatyDate(new Date());

  it('walks report → documents → one reply in time, none by the other → overdue → escalation → liability', async () => {
    const m = services.monitoring;
    // The citizen files with an e-mail and in Russian; the club accepts; road-cases opens the case over Kafka.
    const filed = await call(m, 'POST', '/reports', 'citizen', {
      ...roadReportBody('Яма на Толе би, ремонтировали дважды'),
      contact: { name: 'Dana', email: EMAIL },
      language: 'ru',
    });
    expect(filed.status).toBe(201);
    const reportId = filed.body.id as string;
    await ok('POST', `/reports/${reportId}/start-review`, 'moderator');
    await ok('POST', `/reports/${reportId}/accept`, 'moderator', { meetingDate: today() });
    await wait(
      () => call(m, 'GET', `/reports/${reportId}`, 'moderator'),
      (r) => typeof r.body?.caseId === 'string',
      'the road case opened by road-cases and linked to the report',
    );

    // The club's final documents: two recommendations to the prompt institution, one to the silent one.
    const issue = async (institutionBin: string, recommendations: string[]) => {
      const issued = await call(m, 'POST', '/control-documents', 'moderator', {
        subjectKind: 'report',
        subjectId: reportId,
        documentKind: 'recommendations',
        institutionBin,
        findings: 'The pothole on Tole bi was paid for and patched twice in 2026',
        recommendations,
        controlEndedOn: today(),
      });
      expect(issued.status).toBe(201);
      const id = issued.body.id as string;
      await ok('POST', `/control-documents/${id}/send`, 'moderator');
      return id;
    };
    const answered = await issue(prompt, ['Repair with hot asphalt', 'Publish the acceptance act']);
    const unanswered = await issue(silent, ['Recover the second payment']);
    const replyDue = kazakhstanCalendar.addWorkingDays(today(), 10).day;

    // The prompt institution's official answers both in time; the silent one answers nothing.
    for (const [number, position] of [
      [1, 'accepted'],
      [2, 'partly_accepted'],
    ] as const)
      await ok(
        'POST',
        `/control-documents/${answered}/recommendations/${number}/reply`,
        'official',
        { position, reasoning: 'Considered at the akimat meeting', evidence: [] },
        201,
        prompt,
      );

    // The day after the deadline the sweep marks the silent one's recommendation overdue, and only it.
    const swept = await ok('POST', '/ops/overdue-sweep', 'operator', {
      asOf: `${addCalendarDays(replyDue, 1)}T12:00:00+05:00`,
    });
    expect(swept.overdue).toContain(unanswered);
    expect(swept.overdue).not.toContain(answered);
    await ok('POST', `/control-documents/${unanswered}/recommendations/1/escalate`, 'moderator', {
      authority: 'Prosecutor of Zhambyl region',
      authorityReference: 'PR-2026/31',
    });
    // The authorised body's decision: an administrative fine, issued in the fines service and named in the outcome.
    const fine = await expectAnswer(services.fines, 'POST', '/fines', 'official', {
      offenceType: 'road_surface_damage',
      offender: { category: 'official', name: 'Akimat roads officer', iin: '900101300123' },
      committedAt: new Date().toISOString(),
      place: 'Tole bi 12, Taraz',
      district: 'Taraz',
      evidence: [`urn:integrity-square:control-document:${unanswered}`],
    });
    await ok('POST', `/control-documents/${unanswered}/recommendations/1/outcome`, 'moderator', {
      liability: true,
      protocolNumber: 'AP-2026/0042',
      fineId: fine.id,
      note: 'Administrative protocol against the akimat official',
    });
    expect((await call(services.fines, 'GET', `/fines/${fine.id}`, 'auditor')).status).toBe(200);

    // One e-mail per step of public control, in Russian, each once: the eleven steps of the two documents.
    const expected = [
      ['Клуб составил итоговый документ', prompt],
      ['Итоговый документ направлен', prompt],
      ['Учреждение ответило', prompt],
      ['Учреждение ответило', prompt],
      ['Клуб составил итоговый документ', silent],
      ['Итоговый документ направлен', silent],
      ['Ответ просрочен', silent],
      ['Рекомендация передана в уполномоченный орган', silent],
      ['Виновные привлечены к ответственности', ''],
    ];
    const controlSubjects = new Set(expected.map(([subject]) => subject));
    const control = await wait(
      async () => mailbox.to(EMAIL).filter((mail) => controlSubjects.has(mail.subject ?? '')),
      (mails) => mails.length >= expected.length,
      'an e-mail for each step of public control',
    );
    const tally = (pairs: string[][]) => pairs.map((p) => p.join(' | ')).sort();
    // Each mail by its subject and the institution its text names (the outcome names none, only the fine).
    const institutionOf = (text = '') => /БИН (\d{12})/.exec(text)?.[1] ?? '';
    expect(tally(control.map((mail) => [mail.subject ?? '', institutionOf(mail.text)]))).toEqual(tally(expected));
    const liability = control.find((mail) => mail.subject === 'Виновные привлечены к ответственности')!;
    expect(liability.text).toContain(`протокол AP-2026/0042, штраф ${fine.id}`);
    expect(control.find((mail) => mail.subject === 'Ответ просрочен')!.text).toContain(`до ${replyDue}`);

    // Every notice of the report — its own changes, its case's steps, public control's — mailed exactly once:
    // the report's Atom feed lists them, the mailbox holds one message per entry, none twice, none lost.
    const feedEntries = async () => {
      const feed = await http('GET', `${m.url}/feeds/reports/${reportId}?limit=100`);
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed.body as string);
      const entries = parsed.feed.entry ?? [];
      // An Atom title carries its type attribute, so the parser gives its text under '#text'.
      return (Array.isArray(entries) ? entries : [entries]).map(
        (e: { title: { '#text': string } }) => e.title['#text'],
      );
    };
    const entries = await feedEntries();
    expect(entries.length).toBeGreaterThanOrEqual(expected.length + 4);
    const mailed = await wait(
      async () => mailbox.to(EMAIL),
      (mails) => mails.length >= entries.length,
      'an e-mail for every notice of the report',
    );
    const byMessageId = new Set(mailed.map((mail) => mail.messageId));
    expect({ expected: entries.length, sent: mailed.length, duplicated: mailed.length - byMessageId.size }).toEqual({
      expected: entries.length,
      sent: entries.length,
      duplicated: 0,
    });
    expect(tally(mailed.map((mail) => [mail.subject ?? '']))).toEqual(tally(entries.map((title) => [title])));

    // The public scoreboard, read without a token, shows both institutions as they behaved.
    const stats = await http('GET', `${m.url}/reports/stats`);
    expect(stats.status).toBe(200);
    expect(institutionRow(stats, prompt)).toEqual(
      expectedInstitutionRow(prompt, 1, { recommendations: 2, answeredOnTime: 2, late: 0, refused: 0, escalated: 0 }),
    );
    expect(institutionRow(stats, silent)).toEqual(
      expectedInstitutionRow(silent, 1, { recommendations: 1, answeredOnTime: 0, late: 1, refused: 0, escalated: 1 }),
    );
  }, 300_000);
});
