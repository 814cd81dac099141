import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  ARTIFACTS,
  consoleContext,
  consoleToken,
  created,
  launchChromium,
  seriousViolations,
  signIn,
  startEmbeddedConsole,
  viaConsole,
  type EmbeddedConsole,
} from '../support/console-browser';

// The auditor's page in a real Chromium against `npm start`: from a case's page to its audit, where the case's
// events are listed with their metadata, the "as of" slider moved back before a later step shows the case as it
// stood then (read again from the service with ?asOf=), and the service's recomputation of its hash chain and the
// signed checkpoint including each event are shown. Its screenshot goes to test-artifacts/console.
describe('the console: an auditor reads a case as it stood, and its verification', () => {
  let system: EmbeddedConsole;
  let browser: Browser;
  let caseId: string;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startEmbeddedConsole('console-audit'), launchChromium()]);
    // A case opened, then verified: two versions, two statuses.
    const inspector = await consoleToken(system.url, 'inspector', 'inspector-bolat');
    caseId = (
      await created(system.url, '/road-cases/cases', inspector, {
        location: { lat: 42.8912, lon: 71.3921 },
        district: 'Taraz',
        address: 'Abay avenue 12',
        defectType: 'crack',
        description: 'Long crack across the lane',
      })
    ).id;
    const verified = await viaConsole(system.url, 'POST', `/road-cases/cases/${caseId}/verify`, inspector, {
      severity: 'high',
      areaM2: 4,
      estimatedCostTiyn: 250_000,
    });
    expect(verified.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('shows the history, the case as it stood before a later step, and the verification', async () => {
    const { context, blocked } = await consoleContext(browser, system.url);
    const errors: string[] = [];
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));

    await signIn(page, system.url, { role: 'auditor', sub: 'auditor-dana' }, `/cases/${caseId}`);
    await page.getByRole('link', { name: /Audit this case/ }).click();
    await page.waitForURL((address) => address.pathname === `/audit/case/${caseId}`);

    // Its history: both events, oldest first, each with who took the step.
    const events = page.getByTestId('audit-events').locator('li');
    await events.nth(1).waitFor();
    expect(await events.evaluateAll((items) => items.map((li) => li.getAttribute('data-event')))).toEqual([
      'CaseOpened',
      'DefectVerified',
    ]);
    expect(await events.nth(1).textContent()).toContain('inspector-bolat');

    // At first the slider is at the latest event: the case is verified.
    const status = page.getByTestId('as-of-status');
    await page.locator('[data-testid=as-of-status][data-status=verified]').waitFor();
    expect(await status.textContent()).toBe('Verified');
    expect(await page.getByTestId('as-of-version').textContent()).toBe('2');

    // Moved back (by keyboard) before the verification: the case as it stood then, opened, at version 1.
    const slider = page.getByLabel('Moment');
    await slider.focus();
    await page.keyboard.press('Home');
    await page.locator('[data-testid=as-of-status][data-status=opened]').waitFor();
    expect(await status.textContent()).toBe('Opened');
    expect(await page.getByTestId('as-of-version').textContent()).toBe('1');
    expect(await page.getByTestId('as-of-step').textContent()).toContain('Case opened');
    expect(await events.nth(1).getAttribute('class')).toContain('later');
    expect(await events.nth(0).getAttribute('class')).not.toContain('later');

    // The verification: the chain recomputed intact, and each event in a signed checkpoint of the log.
    const chain = page.getByTestId('chain-status');
    await chain.waitFor();
    expect(await chain.getAttribute('data-ok')).toBe('true');
    expect(await chain.textContent()).toContain('The hash chain is intact.');
    expect(await chain.textContent()).toContain('2 events recomputed');
    await page.locator('[data-testid=inclusion] [data-state=included]').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('inclusion').first().textContent()).toMatch(/^Leaf \d+ of the checkpoint of \d+/);

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-case-as-of.png'), fullPage: true });

    // Back at the latest event (End), the verified case again.
    await slider.focus();
    await page.keyboard.press('End');
    await page.locator('[data-testid=as-of-status][data-status=verified]').waitFor();

    await context.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
