import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, auditedEvents, fileRoadReport, seriousViolations } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';

// The console on a phone (390 × 844, touch) in a real Chromium against `npm start`: the citizens' pages fit the
// screen without sideways scrolling and pass axe, a citizen files a report with the keyboard on screen and gets its
// number, and an auditor opens a club raid's audit: its events, the raid as it stood, its thread.
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('the console on a phone', () => {
  const system = consoleUnderTest('console-phone');

  /** How far the page reaches beyond the screen's width (0: it fits; a phone would scroll sideways otherwise). */
  const overflow = (page: Page): Promise<number> =>
    page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;

  it.each(['/', '/report', '/follow', '/map', '/public-control', '/budget-map', '/fines/stats'])(
    'fits %s on the screen, without sideways scrolling, and passes axe',
    async (path) => {
      const { context, blocked } = await system.context([], PHONE);
      const page = await context.newPage();
      await page.goto(`${system.url}${path}`);
      await page.locator('#page-title').waitFor();
      // The heading is on screen, not pushed off it by the navigation.
      expect(await page.locator('#page-title').isVisible()).toBe(true);
      expect({ path, overflow: await overflow(page) }).toEqual({ path, overflow: 0 });
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `phone${path === '/' ? '-home' : path.replace(/\//g, '-')}.png`) });
      await context.close();
      expect(blocked).toEqual([]);
    },
  );

  it('lets a citizen file a road report on the phone and gives its number', async () => {
    const { context } = await system.context([], PHONE);
    const page = await context.newPage();
    await page.goto(`${system.url}/report`);
    const reportId = await fileRoadReport(page, 'tap', { address: 'Tole bi 88', language: 'ru' });
    expect(await overflow(page)).toBe(0);
    // The language chosen on the form is the report's, whatever the page's: its feed is in Russian.
    const feed = await system.via('GET', `/monitoring/feeds/reports/${reportId}`);
    expect(feed.body).toMatch(new RegExp(`<title[^>]*>Обращение ${reportId}</title>`));
    await context.close();
  });

  it("opens a club raid's audit: its events, the raid as it stood, and its thread", async () => {
    const moderator = await system.token('moderator', 'moderator-yerlan');
    const planned = await system.via('POST', '/monitoring/raids', moderator, {
      title: 'Overloaded trucks on the bypass',
      district: 'Taraz',
      plannedFor: new Date().toISOString(),
    });
    expect(planned.status).toBe(201);
    const raidId: string = planned.body.id;
    const conducted = await system.via('POST', `/monitoring/raids/${raidId}/conduct`, moderator, {
      participants: ['moderator-yerlan'],
    });
    expect(conducted.status).toBe(200);

    const { context } = await system.context([], PHONE);
    const page = await context.newPage();
    await system.signIn(page, { role: 'auditor', sub: 'auditor-dana' }, `/raids/${raidId}`);
    await page.getByRole('link', { name: /Audit this raid/ }).tap();
    await page.waitForURL((address) => address.pathname === `/audit/raid/${raidId}`);
    expect((await auditedEvents(page)).types).toEqual(['RaidPlanned', 'RaidConducted']);
    await page.locator('[data-testid=as-of-status][data-status=conducted]').waitFor();
    expect(await page.getByTestId('as-of-status').textContent()).toBe('Conducted');
    await page.getByTestId('audit-thread').locator(`tr[data-stream="${raidId}"]`).first().waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
