import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, seriousViolations, untranslatedKeys } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { seedFine, seedProgramme, seedVerifiedCase, type SeededProgramme } from '../support/console-seed';

// Each main page of the console in Kazakh, Russian and English, in a real Chromium against `npm start`: the page
// speaks the chosen language (no label shows as its translation key, which is how a missing one renders), axe-core
// finds no serious or critical accessibility violation, and a screenshot of it goes to test-artifacts/console.
// Then the keyboard alone reaches every control of the report form, with a visible focus, and the first page's
// time to interactive is measured.
const LANGUAGES = ['kk', 'ru', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

describe('the console: every main page in three languages, accessible', () => {
  let reportId: string;
  let caseId: string;
  let programme: SeededProgramme;
  let fineId: string;
  const headings: Record<string, Partial<Record<Language, string>>> = {};

  const system = consoleUnderTest('console-pages', {
    seed: async () => {
      // Something on every page: a report waiting for the club, one under review, a case with a step taken.
      const road = {
        location: { lat: 42.9, lon: 71.3667 },
        district: 'Taraz',
        address: 'Tole bi 45',
        defectType: 'pothole',
        photos: ['https://photos.example/pothole.jpg'],
      };
      reportId = (await system.created('/monitoring/reports', '', { kind: 'road_defect', road })).id;
      const second = await system.created('/monitoring/reports', '', {
        kind: 'road_defect',
        description: 'Cracks along the kerb',
        road: { ...road, address: 'Abay avenue 3', defectType: 'crack' },
      });
      const moderator = await system.token('moderator', 'moderator-aliya');
      expect((await system.via('POST', `/monitoring/reports/${second.id}/start-review`, moderator)).status).toBe(200);
      caseId = await seedVerifiedCase(system.url, {
        severity: 'medium',
        areaM2: 6.5,
        estimatedCostTiyn: 123_456,
      });
      // A programme with a contract, and a fine: the budget and fines pages have something to show.
      programme = await seedProgramme(system.url);
      ({ fineId } = await seedFine(system.url));
    },
  });

  async function check(page: Page, name: string, language: Language): Promise<void> {
    // The page sets its language once it has rendered in it (an effect after the switch).
    await page
      .locator(`html[lang="${language}"]`)
      .waitFor({ state: 'attached', timeout: 10_000 })
      .catch(() => undefined);
    expect({ name, lang: await page.getAttribute('html', 'lang') }).toEqual({ name, lang: language });
    expect({ name, language, untranslated: await untranslatedKeys(page) }).toEqual({
      name,
      language,
      untranslated: [],
    });
    const serious = await seriousViolations(page);
    expect({ name, language, serious }).toEqual({ name, language, serious: [] });
    (headings[name] ??= {})[language] = (await page.locator('h1').textContent()) ?? '';
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${language}.png`), fullPage: true });
  }

  it.each(LANGUAGES)(
    'shows each main page in %s, with no untranslated label and no serious axe violation',
    async (language) => {
      const { context, blocked, page, errors } = await system.watchedPage();

      // The language is chosen on the page itself, and kept as the reader moves on.
      await page.goto(`${system.url}/`);
      await page.locator('#language').selectOption(language);
      await check(page, 'home', language);

      await page.goto(`${system.url}/report`);
      await page.locator('#report-lat').waitFor();
      await check(page, 'report', language);

      await page.goto(`${system.url}/follow/${reportId}`);
      await page.getByTestId('report-status').waitFor();
      await check(page, 'follow', language);

      await page.goto(`${system.url}/sign-in`);
      await page.locator('#sign-in-role').waitFor();
      await check(page, 'sign-in', language);

      await page.goto(`${system.url}/programmes?year=${programme.fiscalYear}`);
      await page.locator(`tr[data-programme-id="${programme.programmeId}"]`).waitFor();
      await check(page, 'programmes', language);

      await page.goto(`${system.url}/programmes/${programme.programmeId}`);
      await page.locator(`tr[data-contract-id="${programme.contractId}"]`).waitFor();
      await check(page, 'programme', language);

      await page.goto(`${system.url}/fines/stats`);
      await page.getByTestId('fine-stats-groups').waitFor();
      await check(page, 'fine-stats', language);

      await system.signIn(page, { role: 'moderator', sub: 'moderator-aliya' }, '/review');
      await page.locator('article[data-report-id]').nth(1).waitFor();
      await check(page, 'review', language);

      // The club's agenda: the report under review carries the mark-duplicate form.
      await page.getByRole('navigation').locator('a[href="/agenda"]').click();
      await page.locator('article[data-report-id] form').waitFor();
      await check(page, 'agenda', language);

      await system.signIn(page, { role: 'official', sub: 'official-saule' }, '/fines');
      await page.locator(`tr[data-fine-id="${fineId}"]`).waitFor();
      await check(page, 'fines', language);

      await page.locator(`tr[data-fine-id="${fineId}"] a`).click();
      await page.getByTestId('fine-status').waitFor();
      await check(page, 'fine', language);

      await system.signIn(page, { role: 'inspector', sub: 'inspector-bolat' }, '/cases');
      await page.locator(`tr[data-case-id="${caseId}"]`).waitFor();
      await check(page, 'case-board', language);

      await page.locator(`tr[data-case-id="${caseId}"] a`).click();
      await page.getByTestId('case-timeline').locator('li').nth(1).waitFor();
      await check(page, 'case', language);

      // The auditor's page of the same case: its events, the slider, the verification.
      await system.signIn(page, { role: 'auditor', sub: 'auditor-dana' }, `/audit/case/${caseId}`);
      await page.getByTestId('audit-events').locator('li').nth(1).waitFor();
      await page.getByTestId('as-of-status').waitFor();
      await page.getByTestId('chain-status').waitFor();
      await check(page, 'audit', language);

      await context.close();
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    },
  );

  it('names every page differently in each language', () => {
    expect(Object.keys(headings).sort()).toEqual(
      [
        'agenda',
        'audit',
        'case',
        'case-board',
        'fine',
        'fine-stats',
        'fines',
        'follow',
        'home',
        'programme',
        'programmes',
        'report',
        'review',
        'sign-in',
      ].sort(),
    );
    for (const [name, byLanguage] of Object.entries(headings))
      expect({ name, distinct: new Set(Object.values(byLanguage)).size }).toEqual({ name, distinct: 3 });
  });

  it('reaches every control of the report form by keyboard alone, with a visible focus', async () => {
    const { context } = await system.context();
    const page = await context.newPage();
    await page.goto(`${system.url}/report`);
    await page.locator('#report-lat').waitFor();
    // The first Tab shows the skip link, which leads to the content.
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    expect(await skip.evaluate((e) => e === e.ownerDocument.activeElement)).toBe(true);
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);

    const controls = await page
      .locator('main form')
      .locator('input, select, textarea, button')
      .evaluateAll((els) => els.map((e) => e.id || e.textContent));
    const reached = new Set<string>();
    const outlines = new Set<string>();
    for (let press = 0; press < 60 && reached.size < controls.length; press++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(`(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return { id: e.id || e.textContent, outline: style.outlineStyle + ' ' + style.outlineWidth };
      })()`);
      const { id, outline } = focused as { id: string; outline: string };
      if (controls.includes(id)) {
        reached.add(id);
        outlines.add(outline);
      }
    }
    expect([...reached].sort()).toEqual([...controls].sort());
    // A 3 px outline on every one of them (:focus-visible), never none.
    expect([...outlines]).toEqual(['solid 3px']);
    await context.close();
  });

  it('is interactive soon after it is asked for, measured on this machine', async () => {
    const { context } = await system.context();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${system.url}/report`, { waitUntil: 'commit' });
    // Interactive: the page has rendered its form, and typed coordinates reach its state and move the map's marker.
    await page.locator('#report-lat').fill('42.9');
    await page.locator('#report-lon').fill('71.3667');
    await page.locator('[data-testid=map] .leaflet-interactive').waitFor();
    const interactiveMs = Date.now() - started;
    const navigation = (await page.evaluate(
      `JSON.parse(JSON.stringify(performance.getEntriesByType('navigation')[0]))`,
    )) as { domInteractive: number; loadEventEnd: number; transferSize: number };
    writeFileSync(
      join(ARTIFACTS, 'first-page-interactive.json'),
      JSON.stringify({ page: '/report', interactiveMs, ...navigation }, null, 2),
    );
    expect(interactiveMs).toBeLessThan(3000);
    await context.close();
  });
});
