import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS, eventuallyVia, fileRoadReport, fillForm } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { validBin } from '../support/valid-bins';

// The defect journey of the README through the console in a real Chromium, against `npm start`: a citizen reports
// without signing in, a moderator accepts, an inspector verifies, an official assigns a contractor under a contract
// covering the road, the contractor reports the repair, the inspector accepts it, and the citizen's page shows it
// fixed. Every call goes through the console's proxy to the four services; no request leaves the machine.
describe('the console: the defect journey in a browser', () => {
  const YEAR = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric' }).format(new Date()),
  );
  const contractorBin = validBin();
  let programmeId: string;
  /** Every page's refused requests (anything but the console) and uncaught errors: both must stay empty. */
  const blockedRequests: string[][] = [];
  const pageErrors: string[] = [];

  const system = consoleUnderTest('console-journey', {
    seed: async () => {
      // The register the journey stands on, through the console's proxy: an akimat, its road programme, and two
      // contracts, one of them on the road the citizen will report.
      const official = await system.token('official', 'official-dana');
      const akimat = await system.institution(official, { name: 'Akimat of Taraz', district: 'Taraz', kind: 'akimat' });
      programmeId = (
        await system.created('/budgets/programmes', official, {
          institutionBin: akimat,
          fiscalYear: YEAR,
          code: '451-015',
          name: 'Street repair and maintenance',
          purpose: 'road_maintenance',
          allocationTiyn: 500_000_000,
        })
      ).id;
      for (const [bin, name, road] of [
        [contractorBin, 'Taraz Zhol LLP', 'Tole bi'],
        [validBin(), 'Zhambyl Asphalt LLP', 'Abay avenue'],
      ])
        await system.created('/budgets/contracts', official, {
          programmeId,
          contractorBin: bin,
          contractorName: name,
          subject: `Resurfacing of ${road}`,
          roadSegment: { roadName: road, fromKm: 0, toKm: 4 },
          amountTiyn: 150_000_000,
          signedAt: `${YEAR - 3}-03-01`,
          warrantyMonths: 12,
        });
    },
  });

  async function pageFor(): Promise<Page> {
    const { context, blocked } = await system.context();
    blockedRequests.push(blocked);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return page;
  }

  const caseStatus = (page: Page) => page.getByTestId('case-status');

  it('takes a reported pothole from the citizen to fixed, every role on its own page', async () => {
    // The citizen, not signed in: the place from a click on the map (no tiles: a plain ground), then typed exactly.
    const citizen = await pageFor();
    await citizen.goto(`${system.url}/report`);
    await citizen.getByTestId('map').click({ position: { x: 300, y: 120 } });
    expect(await citizen.locator('#report-lat').inputValue()).toMatch(/^4\d\.\d+$/);
    expect(await citizen.locator('#report-lon').inputValue()).toMatch(/^7\d\.\d+$/);
    const reportId = await fileRoadReport(citizen, 'click', {
      address: 'Tole bi 45',
      description: 'Deep pothole in the right lane',
      photos: 'https://photos.example/pothole.jpg',
      phone: '+77011234567',
    });
    // Filed from an English page with no other language chosen, the report is told in English: its feed says so.
    const feed = await system.via('GET', `/monitoring/feeds/reports/${reportId}`);
    expect(feed.status).toBe(200);
    expect(feed.body).toMatch(new RegExp(`<title[^>]*>Report ${reportId}</title>`));
    await citizen.getByRole('link', { name: 'Follow this report' }).click();
    await showsText(citizen.getByTestId('report-status'), 'Received, awaiting the club');

    // The moderator takes it up and accepts it at today's meeting.
    const moderator = await pageFor();
    await system.signIn(moderator, { role: 'moderator', sub: 'moderator-aliya' }, '/review');
    const item = moderator.locator(`article[data-report-id="${reportId}"]`);
    await item.getByRole('button', { name: 'Start review' }).click();
    await moderator.getByRole('status').filter({ hasText: 'is under review' }).waitFor();
    await item.getByRole('button', { name: 'Accept' }).click();
    await moderator.getByRole('status').filter({ hasText: 'is accepted' }).waitFor();

    // Road-cases opens a case for it (over the bus); the citizen's public record names it.
    const request = await eventuallyVia(
      () => system.via('GET', `/monitoring/open311/v2/requests/${reportId}.json`),
      (r) => Boolean(r.body?.[0]?.extended_attributes?.case_id),
      'the case id on the report',
    );
    const caseId: string = request.body[0].extended_attributes.case_id;

    // The inspector finds it on the board and verifies it: severity, area, estimated cost in tenge.
    const inspector = await pageFor();
    await system.signIn(inspector, { role: 'inspector', sub: 'inspector-bolat' }, '/cases');
    const row = inspector.locator(`tr[data-case-id="${caseId}"]`);
    await row.waitFor();
    await row.getByRole('link').click();
    await showsText(caseStatus(inspector), 'Opened');
    await fillForm(inspector, 'case', { severity: 'high', area: '2,5', estimatedCost: '60 000' });
    await inspector.getByText('That is 60\u00a0000,00\u00a0₸.').waitFor();
    await inspector.getByRole('button', { name: 'Verify', exact: true }).click();
    await inspector.getByRole('status').filter({ hasText: 'The defect is verified.' }).waitFor();
    await showsText(caseStatus(inspector), 'Verified');
    await inspector.getByText('60\u00a0000,00\u00a0₸', { exact: true }).waitFor();

    // The official assigns the contractor whose contract covers Tole bi: the other contract is not offered.
    const official = await pageFor();
    await system.signIn(official, { role: 'official', sub: 'official-dana' }, `/cases/${caseId}`);
    const contract = official.locator('#case-contractId');
    await contract.locator('option', { hasText: 'Taraz Zhol LLP' }).waitFor({ state: 'attached' });
    expect(await contract.locator('option').allTextContents()).toEqual([
      '— choose —',
      expect.stringContaining(`Taraz Zhol LLP, BIN ${contractorBin}: Tole bi km 0–4`),
    ]);
    await contract.selectOption({ index: 1 });
    await official.getByRole('button', { name: 'Assign', exact: true }).click();
    await official.getByRole('status').filter({ hasText: 'The contractor is assigned.' }).waitFor();
    await showsText(caseStatus(official), 'Contractor assigned');

    // On the board every filter the service takes narrows it: this contractor's potholes not overdue hold the case,
    // overdue ones do not, and the address keeps what was asked.
    // (By the navigation: a reload would sign out, the token living in the page's memory only.)
    await official.locator('a[href="/cases"]').first().click();
    await fillForm(official, 'board', { defectType: 'pothole', contractorBin, overdue: 'false' });
    await official.getByRole('button', { name: 'Show', exact: true }).click();
    await official.locator(`tr[data-case-id="${caseId}"]`).waitFor();
    expect(new URL(official.url()).searchParams.get('contractorBin')).toBe(contractorBin);
    await official.locator('#board-overdue').selectOption('true');
    await official.getByRole('button', { name: 'Show', exact: true }).click();
    await official.getByRole('status').filter({ hasText: 'Cases: 0' }).waitFor();
    expect(await official.locator(`tr[data-case-id="${caseId}"]`).count()).toBe(0);
    await official.locator('#board-contractorBin').fill('12345');
    await official.getByRole('button', { name: 'Show', exact: true }).click();
    expect(await official.locator('#board-contractorBin-error').textContent()).toContain('12 digits');

    // The contractor sees it among its own cases and reports the repair.
    const contractor = await pageFor();
    await system.signIn(contractor, { role: 'contractor', sub: 'taraz-zhol', bin: contractorBin }, '/cases');
    await contractor.getByRole('heading', { level: 1, name: 'My cases' }).waitFor();
    await contractor.locator(`tr[data-case-id="${caseId}"]`).getByRole('link').click();
    await contractor.locator('#case-note').fill('Milled and re-laid');
    await contractor.getByRole('button', { name: 'Report the repair done' }).click();
    await showsText(caseStatus(contractor), 'Repair reported');

    // The inspector reloads the case and accepts the repair at its actual cost.
    await inspector.getByRole('button', { name: 'Reload the case' }).click();
    await showsText(caseStatus(inspector), 'Repair reported');
    await inspector.locator('#case-actualCost').fill('48 000');
    await inspector.getByRole('button', { name: 'Accept the repair' }).first().click();
    await showsText(caseStatus(inspector), 'Closed');
    const timeline = inspector.getByTestId('case-timeline');
    for (const step of ['Case opened', 'Defect verified', 'Contractor assigned', 'Repair reported', 'Repair accepted'])
      await timeline.getByText(step, { exact: true }).first().waitFor();
    await inspector.screenshot({ path: join(ARTIFACTS, 'journey-case-closed.png'), fullPage: true });

    // The citizen's page, refreshed until monitoring hears of the repair: fixed, with every step dated.
    const refresh = citizen.getByRole('button', { name: 'Refresh' });
    await eventuallyVia(
      async () => {
        await refresh.click();
        await citizen.getByTestId('report-status').waitFor();
        return citizen.getByTestId('report-status').getAttribute('data-status');
      },
      (status) => status === 'fixed',
      'the citizen page showing the report fixed',
    );
    await showsText(citizen.getByTestId('report-status'), 'Fixed');
    const steps = await citizen.locator('.timeline li .what').allTextContents();
    expect(steps).toEqual([
      'Report received',
      'Accepted by the club; road case opened',
      'Checked on the road by an inspector',
      'Contractor assigned',
      'Repair accepted by the inspector',
      'Case closed',
    ]);
    await citizen.screenshot({ path: join(ARTIFACTS, 'journey-citizen-fixed.png'), fullPage: true });

    // The repair, outside warranty, is the programme's expenditure, to the tiyn.
    await eventuallyVia(
      () => system.via('GET', `/budgets/programmes/${programmeId}`),
      (r) => r.body?.spentTiyn === 4_800_000,
      'the repair booked on the programme',
    );

    // The tokens lived in the pages' memory only: nothing in storage or cookies names one.
    for (const page of [moderator, inspector, official, contractor]) {
      // Evaluated in the page (its window, not this process's).
      const stored: string = await page.evaluate(
        'JSON.stringify([{ ...window.localStorage }, { ...window.sessionStorage }, document.cookie])',
      );
      expect(stored).not.toMatch(/eyJ/);
      expect(await page.context().cookies()).toEqual([]);
    }
    expect(blockedRequests.flat()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows a stale edit as a conflict and overwrites nothing, keeping what was typed', async () => {
    const inspectorToken = await system.token('inspector', 'inspector-aigerim');
    const opened = await system.created('/road-cases/cases', inspectorToken, {
      location: { lat: 42.8912, lon: 71.3921 },
      district: 'Taraz',
      address: 'Abay avenue 12',
      defectType: 'crack',
      description: 'Long crack across the lane',
    });
    const first = await pageFor();
    const second = await pageFor();
    for (const [page, sub] of [
      [first, 'inspector-aigerim'],
      [second, 'inspector-yerlan'],
    ] as const) {
      await system.signIn(page, { role: 'inspector', sub }, `/cases/${opened.id}`);
      await showsText(caseStatus(page), 'Opened');
    }

    await fillForm(first, 'case', { severity: 'high', area: '6', estimatedCost: '900 000' });
    await first.getByRole('button', { name: 'Verify', exact: true }).click();
    await showsText(caseStatus(first), 'Verified');

    // The second inspector's page still shows the case as it was when they opened it.
    await fillForm(second, 'case', { severity: 'low', area: '1', estimatedCost: '100' });
    await second.getByRole('button', { name: 'Verify', exact: true }).click();
    const conflict = second.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Changed by someone else.');
    await second.screenshot({ path: join(ARTIFACTS, 'case-conflict.png'), fullPage: true });
    // Nothing typed is lost, and nothing was overwritten.
    expect(await second.locator('#case-severity').inputValue()).toBe('low');
    expect(await second.locator('#case-area').inputValue()).toBe('1');
    expect(await second.locator('#case-estimatedCost').inputValue()).toBe('100');
    const stored = await system.via('GET', `/road-cases/cases/${opened.id}`, inspectorToken);
    expect(stored.body).toMatchObject({ status: 'verified', severity: 'high', estimatedCostTiyn: 90_000_000 });

    await conflict.getByRole('button', { name: 'Reload' }).click();
    await showsText(caseStatus(second), 'Verified');
    await showsText(second.getByTestId('case-severity'), 'High');
    expect(await second.getByTestId('conflict').count()).toBe(0);
  });
});

/** Waits until the element reads exactly `text` (a page shows a change once its service answered), then asserts it. */
async function showsText(locator: Locator, text: string): Promise<void> {
  const exactly = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await locator
    .filter({ hasText: exactly })
    .waitFor({ timeout: 20_000 })
    .catch(() => undefined);
  expect(((await locator.textContent()) ?? '').trim()).toBe(text);
}
