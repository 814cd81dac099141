import { NOTICE_KINDS, type ReportNotice } from '../read-models/citizen-notices/report-notices.columns';
import { FEED_TITLES, noticeEmail, noticeText } from './notice-texts';

const REPORT = '7d3f0c1e-0000-4000-8000-000000000001';
const notice = (over: Partial<ReportNotice>): ReportNotice => ({
  noticeId: `${REPORT}:1`,
  reportId: REPORT,
  reportVersion: 1,
  kind: 'ReportSubmitted',
  status: 'submitted',
  caseId: null,
  district: 'Taraz',
  institutionBin: null,
  language: 'kk',
  details: {},
  occurredAt: new Date('2026-12-01T10:00:00Z'),
  ...over,
});

describe('notice texts', () => {
  it('tells each status change in Kazakh, Russian and English', () => {
    const accepted = notice({ kind: 'ReportAccepted', status: 'accepted', details: { forwardedTo: 'road-cases' } });
    expect(noticeText(accepted, 'kk')).toEqual({
      title: 'Өтінішіңіз мақұлданды',
      body: `Клуб ${REPORT} өтінішін мақұлдап, оны жол қызметіне жіберді.`,
    });
    expect(noticeText(accepted, 'ru')).toEqual({
      title: 'Ваше обращение принято',
      body: `Клуб принял обращение ${REPORT} и передал его в дорожную службу.`,
    });
    expect(noticeText(accepted, 'en')).toEqual({
      title: 'Your report was accepted',
      body: `The club accepted report ${REPORT} and forwarded it to the road authority.`,
    });
  });

  it("uses the reporter's language unless another is asked for", () => {
    const review = notice({ kind: 'ReviewStarted', language: 'ru' });
    expect(noticeText(review).title).toBe('Ваше обращение рассматривается');
    expect(noticeText(review, 'en').title).toBe('Your report is under review');
  });

  it('names the case, the reason and the outcome where the change has them', () => {
    const linked = notice({ kind: 'ReportCaseLinked', caseId: 'case-9' });
    expect(noticeText(linked, 'en').body).toBe(`Road case case-9 was opened for report ${REPORT}.`);
    expect(noticeText(linked, 'kk').body).toBe(`${REPORT} өтініші бойынша case-9 жол ісі ашылды.`);
    expect(noticeText(linked, 'ru').body).toBe(`По обращению ${REPORT} открыто дорожное дело case-9.`);
    const fixed = notice({ kind: 'ReportResolved', details: { outcome: 'fixed' } });
    expect([noticeText(fixed, 'kk').title, noticeText(fixed, 'ru').title, noticeText(fixed, 'en').title]).toEqual([
      'Ақау жойылды',
      'Дефект устранён',
      'The defect was fixed',
    ]);
    const closed = notice({ kind: 'ReportResolved', details: { outcome: 'closed_without_fix', reason: 'Not public' } });
    expect(noticeText(closed, 'en')).toEqual({
      title: 'Your report was closed without a fix',
      body: `Report ${REPORT} was closed without the defect being fixed. Reason: Not public`,
    });
    expect(noticeText(closed, 'ru').body).toContain('Причина: Not public');
    expect(noticeText(closed, 'kk').body).toContain('Себебі: Not public');
    const rejected = notice({ kind: 'ReportRejected', details: { reason: 'Outside the city' } });
    expect(noticeText(rejected, 'kk').body).toBe(`Клуб ${REPORT} өтінішін қабылдамады. Себебі: Outside the city`);
    const duplicate = notice({ kind: 'ReportMarkedDuplicate', details: { duplicateOf: 'other-1' } });
    expect(noticeText(duplicate, 'ru').body).toContain('повторяет обращение other-1');
  });

  it('has a text for every kind in every language, none empty or left in another language', () => {
    expect(NOTICE_KINDS).toHaveLength(22);
    for (const kind of NOTICE_KINDS) {
      const titles = (['kk', 'ru', 'en'] as const).map((lang) => noticeText(notice({ kind }), lang).title);
      expect(new Set(titles).size).toBe(3);
      expect(titles[0]).toMatch(/[әіңғүұқөһ]/i);
      expect(titles[1]).toMatch(/[а-я]/i);
      expect(titles[1]).not.toMatch(/[әіңғүұқөһ]/i);
      expect(titles[2]).toMatch(/^[A-Za-z ]+$/);
    }
  });

  it("tells the road case's steps, with the contractor, the due day and the severity in the reader's language", () => {
    const assigned = notice({
      kind: 'ContractorAssigned',
      caseId: 'case-9',
      details: { contractorBin: '080540001234', dueAt: '2026-12-15T18:00:00.000Z' },
    });
    expect(noticeText(assigned, 'en')).toEqual({
      title: 'A contractor was assigned',
      body: `Road case case-9 of report ${REPORT} was assigned to the contractor with BIN 080540001234, due by 2026-12-15.`,
    });
    expect(noticeText(assigned, 'ru').body).toBe(
      `Дорожное дело case-9 по обращению ${REPORT} поручено подрядчику с БИН 080540001234, срок — 2026-12-15.`,
    );
    expect(noticeText(assigned, 'kk').body).toBe(
      `${REPORT} өтініші бойынша case-9 жол ісі БСН 080540001234 мердігеріне тапсырылды, мерзімі — 2026-12-15.`,
    );
    const verified = notice({ kind: 'DefectVerified', caseId: 'case-9', details: { severity: 'high' } });
    expect([noticeText(verified, 'kk').body, noticeText(verified, 'ru').body, noticeText(verified, 'en').body]).toEqual(
      [
        `Инспектор ${REPORT} өтініші бойынша ақауды растады (case-9 жол ісі); маңыздылығы: жоғары.`,
        `Инспектор подтвердил дефект по обращению ${REPORT} (дорожное дело case-9); серьёзность: высокая.`,
        `An inspector verified the defect of report ${REPORT} (road case case-9); severity: high.`,
      ],
    );
    const sentBack = notice({ kind: 'RepairRejected', caseId: 'case-9', details: { reason: 'Cracks remain' } });
    expect(noticeText(sentBack, 'ru').body).toContain('на доработку (дорожное дело case-9). Причина: Cracks remain');
  });

  it("tells public control's steps: the document, the institution's reply, an escalation and its outcome", () => {
    const control = (kind: ReportNotice['kind'], details: Record<string, string>) =>
      notice({ kind, institutionBin: '123456789013', details: { documentId: 'doc-1', ...details } });
    const sent = control('FinalDocumentSent', { replyDueOn: '2026-12-18', late: 'false' });
    expect(noticeText(sent, 'en')).toEqual({
      title: 'The final document was sent',
      body: `The club's final document on report ${REPORT} was sent to the institution with BIN 123456789013; its reasoned reply to each recommendation is due by 2026-12-18.`,
    });
    const replied = control('RecommendationReplied', {
      number: '2',
      position: 'partly_accepted',
      late: 'true',
      reasoning: 'Funds in 2027',
    });
    expect([noticeText(replied, 'kk').body, noticeText(replied, 'ru').body, noticeText(replied, 'en').body]).toEqual([
      `БСН 123456789013 мекемесі ${REPORT} өтініші бойынша 2-ұсынымға жауап берді: ішінара қабылданды (кешігіп). Негіздемесі: Funds in 2027`,
      `Учреждение с БИН 123456789013 ответило на рекомендацию 2 по обращению ${REPORT}: принята частично (с опозданием). Обоснование: Funds in 2027`,
      `The institution with BIN 123456789013 replied to recommendation 2 on report ${REPORT}: partly accepted (late). Its reasons: Funds in 2027`,
    ]);
    const escalated = control('RecommendationEscalated', {
      number: '1',
      grounds: 'unanswered',
      authority: 'Prosecutor',
      authorityReference: 'PR-7',
    });
    expect(noticeText(escalated, 'ru').body).toBe(
      `Рекомендация 1 по обращению ${REPORT} передана в орган «Prosecutor» (номер PR-7): учреждение с БИН 123456789013 не ответило на неё в срок.`,
    );
    const liable = control('EscalationOutcomeRecorded', {
      number: '1',
      liability: 'true',
      protocolNumber: 'AP-12',
      fineId: 'fine-3',
    });
    expect(noticeText(liable, 'en')).toEqual({
      title: 'Liability was imposed',
      body: `On recommendation 1 of report ${REPORT} the authorised body imposed liability: protocol AP-12, fine fine-3.`,
    });
    const cleared = control('EscalationOutcomeRecorded', { number: '1', liability: 'false' });
    expect(noticeText(cleared, 'kk').title).toBe('Жауапкершілікке негіз табылмады');
  });

  it('makes the e-mail: the title as subject, the text and why the reporter receives it', () => {
    expect(noticeEmail(notice({ language: 'en' }))).toEqual({
      subject: 'Your report was received',
      text: `Report ${REPORT} was received and awaits the club's review.\n\n--\nYou receive this because you left your e-mail address with report ${REPORT}.\n`,
    });
    expect(noticeEmail(notice({ language: 'kk' })).text).toContain('электрондық пошта мекенжайыңызды');
    expect(noticeEmail(notice({ language: 'ru' })).subject).toBe('Ваше обращение получено');
  });

  it('titles the feeds in each language', () => {
    expect(FEED_TITLES.en.district('Taraz')).toBe('Reports in Taraz');
    expect(FEED_TITLES.ru.institution('123456789012')).toBe('Обращения по учреждению БИН 123456789012');
    expect(FEED_TITLES.kk.report('r-1')).toBe('r-1 өтініші');
  });
});
