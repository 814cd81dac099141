import type { Page } from 'playwright-core';
import { eventuallyVia, expectReadableIn } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { roadReportBody } from '../support/report-bodies';
import { validBin } from '../support/valid-bins';

// The citizens' maps in a real Chromium against `npm start`, read by someone who never signs in. Seeded through the
// API: two road reports the club accepted (a pothole in Taraz, a crack in Merki), each of which road-cases opens a case
// for, the Taraz one verified by an inspector; and a 2025 budget register of two districts (Zhualy: two institutions,
// one disclosed, a programme half a citizen's doubt flagged, with spending; Taraz: one disclosed institution). The road
// map lists both reports, its district filter narrows them, a report's case link opens the case's public timeline;
// the budget map opens on 2025 (the latest year with data) with each district's figures and the totals exactly.
const NBSP = '\u00a0';
const tenge = (text: string) => text.replace(/ /g, NBSP);
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());
const YEAR = 2025;

describe("the console: the citizens' maps of road defects and of the budget", () => {
  let tarazReport: string;
  let merkiReport: string;
  let tarazCase: string;

  const system = consoleUnderTest('console-maps', {
    seed: async () => {
      const moderator = await system.token('moderator', 'moderator-aliya');
      const step = async (path: string, token: string, body: unknown = {}) => {
        const answer = await system.via('POST', path, token, body);
        expect({ path, status: answer.status, body: answer.body }).toMatchObject({ path, status: 200 });
      };
      const accepted = async (body: unknown) => {
        const id = (await system.created('/monitoring/reports', '', body)).id as string;
        await step(`/monitoring/reports/${id}/start-review`, moderator);
        await step(`/monitoring/reports/${id}/accept`, moderator, { meetingDate: today });
        return id;
      };
      tarazReport = await accepted(roadReportBody('Deep pothole by the school gate'));
      merkiReport = await accepted({
        kind: 'road_defect',
        description: 'Crack across the lane',
        road: {
          location: { lat: 42.87, lon: 73.18 },
          district: 'Merki',
          address: 'Abai street 7',
          defectType: 'crack',
        },
      });
      // Road-cases opens a case for each over the bus; the public requests then name it.
      const requests = await eventuallyVia(
        () =>
          system.via('GET', `/monitoring/open311/v2/requests.json?service_request_id=${tarazReport},${merkiReport}`),
        (r) => r.body?.length === 2 && r.body.every((q: any) => q.extended_attributes.case_id),
        'both reports with their cases',
      );
      tarazCase = requests.body.find((q: any) => q.service_request_id === tarazReport).extended_attributes.case_id;
      const inspector = await system.token('inspector', 'inspector-bolat');
      await step(`/road-cases/cases/${tarazCase}/verify`, inspector, {
        severity: 'high',
        areaM2: 2.5,
        estimatedCostTiyn: 6_000_000,
      });

      // The budget register of 2025.
      const official = await system.token('official', 'official-saule');
      const institution = (bin: string, name: string, district: string) =>
        system.created('/budgets/institutions', official, { bin, name, district, kind: 'akimat' });
      const programme = async (bin: string, code: string, allocationTiyn: number) =>
        (
          await system.created('/budgets/programmes', official, {
            institutionBin: bin,
            fiscalYear: YEAR,
            code,
            name: 'Street repair',
            purpose: 'road_maintenance',
            allocationTiyn,
          })
        ).id as string;
      const [zhualyAkimat, zhualyUtility, tarazAkimat] = [validBin(), validBin(), validBin()];
      await institution(zhualyAkimat, 'Akimat of Zhualy district', 'Zhualy');
      await institution(zhualyUtility, 'Zhualy roads utility', 'Zhualy');
      await institution(tarazAkimat, 'Akimat of Taraz', 'Taraz');
      const flagged = await programme(zhualyAkimat, '451-015', 7_654_321_09);
      await programme(zhualyAkimat, '451-016', 1_000_000_00);
      await programme(tarazAkimat, '451-015', 2_000_000_00);
      await system.created(`/budgets/programmes/${flagged}/expenditures`, official, {
        amountTiyn: 1_234_567_89,
        date: `${YEAR}-04-15`,
        description: 'First stage of the resurfacing',
      });
      for (const bin of [zhualyAkimat, tarazAkimat])
        await system.created(`/budgets/institutions/${bin}/disclosures`, official, { fiscalYear: YEAR });
      const doubt = await accepted({
        kind: 'budget_execution',
        description: 'Resurfacing paid, no work seen',
        budget: {
          institutionBin: zhualyAkimat,
          programmeCode: '451-015',
          fiscalYear: YEAR,
          doubt: 'Resurfacing paid, no work seen',
          amountInQuestionTiyn: 1_234_567_89,
        },
      });
      await eventuallyVia(
        () => system.via('GET', `/budgets/programmes/${flagged}`),
        (read) => read.body.openFlags?.includes(doubt),
        'the programme flagged by the accepted doubt',
      );
    },
    timeoutMs: 240_000,
  });

  const listed = (page: Page) =>
    page
      .getByTestId('road-map-list')
      .locator('li')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-request-id')));

  /** The page in Kazakh, Russian and English: every label translated, nothing serious for axe, a screenshot each. */
  async function inEveryLanguage(page: Page, name: string, ready: () => Promise<unknown>) {
    for (const language of ['kk', 'ru', 'en'] as const) {
      await page.locator('#language').selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await ready();
      await expectReadableIn(page, name, language);
    }
  }

  it("lists the accepted reports on the map, by district, and opens a report's case timeline", async () => {
    const { context, page, errors, signed, blocked } = await system.anonymousPage();
    await page.goto(`${system.url}/`);
    expect(await page.getByRole('main').getByRole('link', { name: 'Road defects on the map' }).count()).toBe(1);
    await page.getByRole('navigation').getByRole('link', { name: 'Road defects map' }).click();
    await page.waitForURL((address) => address.pathname === '/map');

    // Both reports, newest first, each a numbered item with its marker on the map.
    await page.locator(`li[data-request-id="${tarazReport}"]`).waitFor();
    expect(await listed(page)).toEqual([merkiReport, tarazReport]);
    const taraz = page.locator(`li[data-request-id="${tarazReport}"]`);
    expect(await taraz.locator('h2').textContent()).toBe('Pothole — Tole bi 12');
    expect(await taraz.locator('p').first().textContent()).toContain('Accepted and forwarded to the road authority');
    expect(await taraz.locator('p').first().textContent()).toContain('Taraz');
    expect(await page.getByTestId('map').locator('path.leaflet-interactive').count()).toBe(2);

    // The district filter narrows the list (and its markers) to Merki's report, then Taraz's.
    await page.locator('#road-map-district').selectOption('Merki');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === '?district=Merki');
    await page.locator(`li[data-request-id="${tarazReport}"]`).waitFor({ state: 'detached' });
    expect(await listed(page)).toEqual([merkiReport]);
    expect(await page.getByTestId('map').locator('path.leaflet-interactive').count()).toBe(1);
    await page.locator('#road-map-district').selectOption('Taraz');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === '?district=Taraz');
    await page.locator(`li[data-request-id="${merkiReport}"]`).waitFor({ state: 'detached' });
    expect(await listed(page)).toEqual([tarazReport]);
    // Nothing of Taraz is closed yet.
    await page.locator('#road-map-status').selectOption('closed');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.getByTestId('road-map-none').waitFor();
    await page.goBack();
    await page.locator(`li[data-request-id="${tarazReport}"]`).waitFor();
    // Back, the form shows the filters of the list it shows.
    expect(await page.locator('#road-map-status').inputValue()).toBe('');
    expect(await page.locator('#road-map-district').inputValue()).toBe('Taraz');
    await inEveryLanguage(page, 'road-map', () => taraz.waitFor());

    // The case link opens the case's public timeline: verified by the inspector, no contractor and no cost.
    await taraz.getByRole('link', { name: "The road case's steps" }).click();
    await page.waitForURL((address) => address.pathname === `/public/cases/${tarazCase}`);
    const status = page.getByTestId('public-case-status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('verified');
    expect(await status.textContent()).toBe('Verified');
    expect(await page.getByTestId('public-case-timeline').locator('li .what').allTextContents()).toEqual([
      'Road case opened',
      'Checked on the road by an inspector',
    ]);
    expect(await page.locator('main').textContent()).not.toMatch(/60[\s\u00a0]000|₸/);
    await inEveryLanguage(page, 'public-case', () => status.waitFor());

    // Back on the map, the report's follow page.
    await page.goBack();
    await page.locator(`li[data-request-id="${tarazReport}"]`).getByRole('link', { name: 'Follow the report' }).click();
    await page.waitForURL((address) => address.pathname === `/follow/${tarazReport}`);
    await page.getByTestId('report-status').waitFor();
    expect(await page.getByRole('link', { name: "The road case's public page" }).getAttribute('href')).toBe(
      `/public/cases/${tarazCase}`,
    );

    await context.close();
    expect({ errors, signed, blocked }).toEqual({ errors: [], signed: [], blocked: [] });
  });

  it("shows the budget map of the latest year by district, each district's figures exact", async () => {
    const { context, page, errors, signed, blocked } = await system.anonymousPage();
    await page.goto(`${system.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Budget map' }).click();
    await page.waitForURL((address) => address.pathname === '/budget-map');
    const table = page.getByTestId('budget-map');
    await table.waitFor();
    // No year asked: the latest year the register has a programme of.
    expect(await page.locator('#budget-map-year').inputValue()).toBe(String(YEAR));
    expect(await page.locator('#budget-map-heading').textContent()).toBe(`Districts in ${YEAR}`);
    const row = (district: string) => table.locator(`tr[data-district="${district}"]`).locator('th, td');
    expect(await row('Taraz').allTextContents()).toEqual([
      'Taraz',
      ...['1', '1 of 1', '100 %', tenge('2 000 000,00 ₸'), tenge('0,00 ₸'), '0 %', '0'],
    ]);
    expect(await row('Zhualy').allTextContents()).toEqual([
      'Zhualy district',
      ...['2', '1 of 2', '50 %', tenge('8 654 321,09 ₸'), tenge('1 234 567,89 ₸'), '14.27 %', '1'],
    ]);
    expect(await row('').allTextContents()).toEqual([
      'All districts',
      ...['3', '2 of 3', '66.67 %', tenge('10 654 321,09 ₸'), tenge('1 234 567,89 ₸'), '11.59 %', '1'],
    ]);
    // Each district is a marker at its centre too, its figures in the marker's label.
    const markers = page.getByTestId('map').locator('path.leaflet-interactive');
    expect(await markers.count()).toBe(2);
    await markers.last().hover();
    await page
      .locator('.leaflet-tooltip')
      .filter({ hasText: /execution .* %, disclosure .* %/ })
      .waitFor();
    await inEveryLanguage(page, 'budget-map', () => table.waitFor());
    expect(await row('Zhualy').nth(6).textContent()).toBe('14.27 %');
    // In Kazakh, the district's name and the decimal comma.
    await page.locator('#language').selectOption('kk');
    await page.locator('html[lang="kk"]').waitFor({ state: 'attached' });
    expect(await row('Zhualy').nth(6).textContent()).toBe('14,27 %');
    await page.locator('#language').selectOption('en');

    // Another year: the register's institutions with nothing in it; a year out of range is refused beside the field.
    await page.locator('#budget-map-year').fill('1999');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('#budget-map-year-error').textContent()).toBe(
      'Give a year from 2000 to 2100, e.g. 2026.',
    );
    await page.locator('#budget-map-year').fill('2024');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((address) => address.search === '?year=2024');
    await page.locator('#budget-map-heading').filter({ hasText: 'Districts in 2024' }).waitFor();
    expect(await row('').allTextContents()).toEqual([
      'All districts',
      ...['3', '0 of 3', '0 %', tenge('0,00 ₸'), tenge('0,00 ₸'), '—', '0'],
    ]);

    // Back to the latest year, the field with it; a district's name opens its programmes of the year.
    await page.goBack();
    await page
      .locator('#budget-map-heading')
      .filter({ hasText: `Districts in ${YEAR}` })
      .waitFor();
    expect(await page.locator('#budget-map-year').inputValue()).toBe(String(YEAR));
    await table.locator('tr[data-district="Zhualy"] th').getByRole('link').click();
    await page.waitForURL(
      (address) => address.pathname === '/programmes' && address.search === `?year=${YEAR}&district=Zhualy`,
    );

    await context.close();
    expect({ errors, signed, blocked }).toEqual({ errors: [], signed: [], blocked: [] });
  });
});
