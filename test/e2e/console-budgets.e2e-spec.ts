import { join } from 'node:path';
import { ARTIFACTS, eventuallyVia, seriousViolations } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { seedProgramme, type SeededProgramme } from '../support/console-seed';

// The budget register in a real Chromium against `npm start`, as a citizen without signing in: from a district to
// its institution's programmes, one programme with its allocation, amendment, spending, open doubts and contracts,
// and a doubt about it filed from its page, which the club accepts and the programme then shows as open.
const NBSP = '\u00a0';
const tenge = (text: string) => text.replace(/ /g, NBSP);

describe('the console: a budget programme seen, and a doubt filed from it', () => {
  let seeded: SeededProgramme;

  const system = consoleUnderTest('console-budgets', {
    seed: async () => {
      seeded = await seedProgramme(system.url);
    },
  });

  it('lists the programme by district and institution, shows it whole, and files a doubt about it', async () => {
    const { context, blocked, page, errors } = await system.watchedPage();

    // The register: a year and a district, then the district's institution.
    await page.goto(`${system.url}/programmes`);
    await page.locator('#programmes-year').fill(String(seeded.fiscalYear));
    await page.locator('#programmes-district').selectOption('Taraz');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === `?year=${seeded.fiscalYear}&district=Taraz`);
    const institutions = page.getByTestId('district-institutions');
    await institutions.getByRole('link', { name: `${seeded.institution} (${seeded.bin})` }).click();
    const row = page.locator(`tr[data-programme-id="${seeded.programmeId}"]`);
    await row.waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe('Programmes: 1');
    expect(await row.locator('td').allTextContents()).toEqual([
      `${seeded.code} — Street repair`,
      seeded.institution,
      'Taraz',
      String(seeded.fiscalYear),
      tenge('12 500 000,00 ₸'),
      tenge('1 234 567,89 ₸'),
      tenge('0,00 ₸'),
      '—',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'programmes.png'), fullPage: true });

    // One programme: its sums, its one amendment, no doubt yet, its contract.
    await row.getByRole('link').click();
    await page.waitForURL((address) => address.pathname === `/programmes/${seeded.programmeId}`);
    expect(await page.locator('h1').textContent()).toBe(`Programme ${seeded.code}: Street repair`);
    expect(await page.getByTestId('programme-allocation').textContent()).toBe(tenge('12 500 000,00 ₸'));
    expect(await page.getByTestId('programme-amendments').textContent()).toBe('1');
    expect(await page.getByTestId('programme-spent').textContent()).toBe(tenge('1 234 567,89 ₸'));
    expect(await page.getByTestId('programme-flags').textContent()).toBe('none');
    const contract = page.locator(`tr[data-contract-id="${seeded.contractId}"]`);
    expect(await contract.locator('td').first().textContent()).toContain('Taraz Zhol LLP');
    expect(await contract.locator('td').nth(2).textContent()).toBe('Tole bi, km 1–3');
    expect(await seriousViolations(page)).toEqual([]);

    // A doubt without its words is stopped on the page, said beside the field.
    await page.locator('#doubt-amount').fill('1 000 000');
    await page.getByRole('button', { name: 'File the doubt' }).click();
    expect(await page.locator('#doubt-doubt-error').textContent()).toBe('Say what you doubt.');
    expect(await page.locator('#doubt-doubt').getAttribute('aria-invalid')).toBe('true');
    await page.locator('#doubt-doubt').fill('Paid in April, no work seen on Tole bi by May');
    await page.locator('#doubt-amount').fill('1 234 567,89');
    expect(await page.locator('#doubt-amount-hint').textContent()).toBe(`That is ${tenge('1 234 567,89 ₸')}.`);
    await page.getByRole('button', { name: 'File the doubt' }).click();
    const reportId = (await page.getByTestId('doubt-report-id').textContent())!;
    expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'programme-doubt-filed.png'), fullPage: true });

    // Filed with monitoring as a doubt about exactly this budget line.
    const moderator = await system.token('moderator', 'moderator-aliya');
    const report = await system.via('GET', `/monitoring/reports/${reportId}`, moderator);
    expect(report.body).toMatchObject({
      kind: 'budget_execution',
      status: 'submitted',
      anonymous: true,
      details: {
        institutionBin: seeded.bin,
        programmeCode: seeded.code,
        fiscalYear: seeded.fiscalYear,
        doubt: 'Paid in April, no work seen on Tole bi by May',
        amountInQuestionTiyn: 123_456_789,
      },
    });

    // The club accepts it; budgets flags the programme, and its page shows the doubt open.
    const step = (path: string, body?: unknown) => system.via('POST', path, moderator, body);
    expect((await step(`/monitoring/reports/${reportId}/start-review`)).status).toBe(200);
    expect((await step(`/monitoring/reports/${reportId}/accept`, { meetingDate: '2026-05-20' })).status).toBe(200);
    await eventuallyVia(
      () => system.via('GET', `/budgets/programmes/${seeded.programmeId}`),
      (read) => read.body.openFlags?.includes(reportId),
      'the programme flagged by the accepted doubt',
    );
    await page.reload();
    await page.getByTestId('programme-flags').locator('code').waitFor();
    expect(await page.getByTestId('programme-flags').textContent()).toBe(`Report ${reportId}`);

    await context.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
