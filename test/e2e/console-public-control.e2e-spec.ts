import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { addCalendarDays } from '@app/domain-kernel';
import { ARTIFACTS, institutionOfficialToken, seriousViolations, untranslatedKeys } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { roadReportBody } from '../support/report-bodies';
import { validBin } from '../support/valid-bins';

// The public-control scoreboard in a real Chromium against `npm start`, read by someone who never signs in. First
// nothing is sent and the page says so; then the club sends final documents to two institutions through the API:
// the prompt one (in the budget register, so named) answers all three recommendations of its two reports in time,
// refusing one; the silent one (not in the register: its BIN alone) answers neither of its two, the overdue sweep
// marks them late the day after the deadline, and the club escalates one. The page shows both rows' figures, as
// counted and per report, most late per report first, by institution and by district, in all three languages.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

describe('the console: the public-control scoreboard, for anyone', () => {
  const prompt = validBin();
  const silent = validBin();

  const system = consoleUnderTest('console-public-control');

  /** Each cell of a row as the reader sees it: its header, then the reports and each figure in all and per report. */
  const cells = (row: Locator) => row.locator('th, td').allTextContents();
  const rowsOf = (page: Page, table: string) =>
    page
      .getByTestId(table)
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-bin') ?? r.getAttribute('data-district')));

  it('says nothing is sent yet before the club sends a final document', async () => {
    const { context, page, errors, signed, blocked } = await system.anonymousPage();
    await page.goto(`${system.url}/public-control`);
    await page.getByTestId('public-control-none').waitFor();
    expect(await page.getByTestId('public-control-none').textContent()).toBe(
      'No final document has been sent to an institution yet.',
    );
    expect(await page.getByTestId('public-control-institutions').count()).toBe(0);
    await context.close();
    expect({ errors, signed, blocked }).toEqual({ errors: [], signed: [], blocked: [] });
  });

  it('shows how each institution and district answered, as counted and per report, sortable', async () => {
    const moderator = await system.token('moderator', 'moderator-aliya');
    const operator = await system.token('operator', 'operator-erlan');
    const registrar = await system.token('official', 'official-saule');
    await system.created('/budgets/institutions', registrar, {
      bin: prompt,
      name: 'Akimat of Taraz',
      district: 'Taraz',
      kind: 'akimat',
    });
    const post = async (path: string, token: string, body: unknown = {}, status = 200) => {
      const answer = await system.via('POST', `/monitoring${path}`, token, body);
      expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status });
      return answer.body;
    };
    /** A citizen's report the club accepted: one of a road in Taraz, or of a budget line (which names no district). */
    const acceptedReport = async (kind: 'road' | 'budget') => {
      const body =
        kind === 'road'
          ? roadReportBody('Pothole, patched twice')
          : {
              kind: 'budget_execution',
              description: 'Kerb paid twice',
              budget: {
                institutionBin: prompt,
                programmeCode: '451-015',
                fiscalYear: 2026,
                doubt: 'Kerb paid twice',
                amountInQuestionTiyn: 12_500_000,
              },
            };
      const id = (await system.created('/monitoring/reports', '', body)).id as string;
      await post(`/reports/${id}/start-review`, moderator);
      await post(`/reports/${id}/accept`, moderator, { meetingDate: today });
      return id;
    };
    /** A final document issued and sent to the institution: its id and reply deadline. */
    const sent = async (reportId: string, institutionBin: string, recommendations: string[]) => {
      const issued = await system.created('/monitoring/control-documents', moderator, {
        subjectKind: 'report',
        subjectId: reportId,
        documentKind: 'recommendations',
        institutionBin,
        findings: 'The defect was paid for and not repaired',
        recommendations,
        controlEndedOn: today,
      });
      const sending = await post(`/control-documents/${issued.id}/send`, moderator);
      return { id: issued.id as string, replyDueOn: sending.replyDueOn as string };
    };
    const first = await sent(await acceptedReport('road'), prompt, ['Repair with hot asphalt', 'Publish the contract']);
    const second = await sent(await acceptedReport('budget'), prompt, ['Recover the payment']);
    const unanswered = await sent(await acceptedReport('budget'), silent, ['Publish the acts', 'Recover the payment']);

    const official = institutionOfficialToken(system, 'official-akimat', prompt);
    for (const [document, number, position] of [
      [first, 1, 'accepted'],
      [first, 2, 'refused'],
      [second, 1, 'partly_accepted'],
    ] as const)
      await post(
        `/control-documents/${document.id}/recommendations/${number}/reply`,
        official,
        { position, reasoning: 'Considered at the akimat meeting', evidence: [] },
        201,
      );
    // The day after the deadline: the silent institution's two recommendations are late; the club escalates one.
    const swept = await post('/ops/overdue-sweep', operator, {
      asOf: `${addCalendarDays(unanswered.replyDueOn, 1)}T12:00:00+05:00`,
    });
    expect(swept.overdue).toContain(unanswered.id);
    await post(`/control-documents/${unanswered.id}/recommendations/1/escalate`, moderator, {
      authority: 'Prosecutor of Zhambyl region',
      authorityReference: 'PR-2026/18',
    });

    const { context, page, errors, signed, blocked } = await system.anonymousPage();
    await page.goto(`${system.url}/`);
    expect(await page.getByRole('link', { name: 'How institutions answer the club' }).count()).toBe(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Public control' }).click();
    await page.waitForURL((address) => address.pathname === '/public-control');
    const institutions = page.getByTestId('public-control-institutions');
    // The register's name arrives after the figures.
    await institutions.locator(`tr[data-bin="${prompt}"] th`).filter({ hasText: 'Akimat of Taraz' }).waitFor();

    // Most late per report first: the silent institution, then the prompt one.
    expect(await rowsOf(page, 'public-control-institutions')).toEqual([silent, prompt]);
    expect(await cells(institutions.locator(`tr[data-bin="${silent}"]`))).toEqual([
      `BIN ${silent}`,
      ...['1', '2', '2.00', '0', '0.00', '2', '2.00', '0', '0.00', '1', '1.00'],
    ]);
    expect(await cells(institutions.locator(`tr[data-bin="${prompt}"]`))).toEqual([
      `Akimat of TarazBIN ${prompt}`,
      ...['2', '3', '1.50', '3', '1.50', '0', '0.00', '1', '0.50', '0', '0.00'],
    ]);
    // Taraz holds the road report's document; the two budget reports name no district.
    const districts = page.getByTestId('public-control-districts');
    expect(await rowsOf(page, 'public-control-districts')).toEqual(['', 'Taraz']);
    expect(await cells(districts.locator('tr[data-district=""]'))).toEqual([
      'No district (budget reports)',
      ...['2', '3', '1.50', '1', '0.50', '2', '1.00', '0', '0.00', '1', '0.50'],
    ]);
    expect(await cells(districts.locator('tr[data-district="Taraz"]'))).toEqual([
      'Taraz',
      ...['1', '2', '2.00', '2', '2.00', '0', '0.00', '1', '1.00', '0', '0.00'],
    ]);
    const sortedBy = (table: Locator) =>
      table
        .locator('th[aria-sort]')
        .evaluateAll((headers) =>
          headers.map((h) => `${h.querySelector('button')?.getAttribute('data-sort')} ${h.getAttribute('aria-sort')}`),
        );
    expect(await sortedBy(institutions)).toEqual(['late-per-report descending']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'public-control.png'), fullPage: true });

    // Sorted by answers on time per report: the prompt institution first; once more, the other way round.
    const onTime = institutions.locator('button[data-sort="answeredOnTime-per-report"]');
    await onTime.click();
    expect(await rowsOf(page, 'public-control-institutions')).toEqual([prompt, silent]);
    expect(await sortedBy(institutions)).toEqual(['answeredOnTime-per-report descending']);
    await onTime.click();
    expect(await rowsOf(page, 'public-control-institutions')).toEqual([silent, prompt]);
    expect(await sortedBy(institutions)).toEqual(['answeredOnTime-per-report ascending']);
    // Each table sorts on its own.
    expect(await sortedBy(districts)).toEqual(['late-per-report descending']);

    // In Kazakh and Russian: every label translated, ratios with a decimal comma.
    for (const language of ['kk', 'ru'] as const) {
      await page.locator('#language').selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      expect({ language, untranslated: await untranslatedKeys(page) }).toEqual({ language, untranslated: [] });
      expect(
        await districts.locator('tr[data-district="Taraz"] td[data-figure="refused-per-report"]').textContent(),
      ).toBe('1,00');
      expect({ language, serious: await seriousViolations(page) }).toEqual({ language, serious: [] });
      await page.screenshot({ path: join(ARTIFACTS, `public-control-${language}.png`), fullPage: true });
    }
    await context.close();
    expect({ errors, signed, blocked }).toEqual({ errors: [], signed: [], blocked: [] });
  });
});
