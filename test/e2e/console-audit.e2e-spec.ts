import { join } from 'node:path';
import { validBin } from '../support/valid-bins';
import {
  ARTIFACTS,
  auditedEvents,
  eventuallyVia,
  seriousViolations,
  untranslatedKeys,
} from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { seedVerifiedCase } from '../support/console-seed';

// The auditor's page in a real Chromium against `npm start`: from a case's page to its audit, where the case's
// events are listed with their metadata, the "as of" slider moved back before a later step shows the case as it
// stood then (read again from the service with ?asOf=), and the service's recomputation of its hash chain and the
// signed checkpoint including each event are shown. Its screenshot goes to test-artifacts/console.
describe('the console: an auditor reads a case as it stood, and its verification', () => {
  let caseId: string;

  const system = consoleUnderTest('console-audit', {
    seed: async () => {
      // A case opened, then verified: two versions, two statuses.
      caseId = await seedVerifiedCase(system.url, { severity: 'high', areaM2: 4, estimatedCostTiyn: 250_000 });
    },
  });

  it('shows the history, the case as it stood before a later step, and the verification', async () => {
    const { context, blocked, page, errors } = await system.watchedPage();

    await system.signIn(page, { role: 'auditor', sub: 'auditor-dana' }, `/cases/${caseId}`);
    await page.getByRole('link', { name: /Audit this case/ }).click();
    await page.waitForURL((address) => address.pathname === `/audit/case/${caseId}`);

    // Its history: both events, oldest first, each with who took the step.
    const { events, types } = await auditedEvents(page);
    expect(types).toEqual(['CaseOpened', 'DefectVerified']);
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

  it("follows a report's thread across the services: its own events and the road case road-cases opened from it", async () => {
    // A citizen's report, taken up and accepted by the club; road-cases opens its case over Kafka.
    const citizen = await system.token('citizen', 'citizen-aigerim');
    const moderator = await system.token('moderator', 'moderator-yerlan');
    const reportId: string = (
      await system.created('/monitoring/reports', citizen, {
        kind: 'road_defect',
        description: 'Pothole by the school',
        road: {
          location: { lat: 42.9, lon: 71.3667 },
          district: 'Taraz',
          address: 'Tole bi 12',
          defectType: 'pothole',
        },
      })
    ).id;
    for (const [step, body] of [
      ['start-review', {}],
      ['accept', { meetingDate: new Date().toISOString().slice(0, 10) }],
    ] as const)
      expect((await system.via('POST', `/monitoring/reports/${reportId}/${step}`, moderator, body)).status).toBe(200);
    const linked = await eventuallyVia(
      () => system.via('GET', `/monitoring/reports/${reportId}`, moderator),
      (r) => typeof r.body?.caseId === 'string',
      'the road case linked to the report',
    );
    const linkedCase: string = linked.body.caseId;

    const { context, blocked, page, errors } = await system.watchedPage();
    await system.signIn(page, { role: 'auditor', sub: 'auditor-dana' }, `/audit/report/${reportId}`);
    const thread = page.getByTestId('audit-thread');
    await thread.locator(`tr[data-service=roadCases][data-stream="${linkedCase}"]`).first().waitFor();
    const rows = await thread
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => `${tr.getAttribute('data-service')} ${tr.querySelector('td:last-child code')?.textContent}`),
      );
    // The report's own steps from monitoring, and the case road-cases opened, in the order they were recorded.
    expect(rows).toEqual(expect.arrayContaining(['monitoring ReportSubmitted', 'roadCases CaseOpened']));
    expect(rows.indexOf('monitoring ReportSubmitted')).toBeLessThan(rows.indexOf('roadCases CaseOpened'));
    expect(await thread.locator('[data-unread]').count()).toBe(0);
    expect(await untranslatedKeys(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report-thread.png'), fullPage: true });

    // The case is a link to its own audit.
    await thread.locator(`tr[data-stream="${linkedCase}"] a`).first().click();
    await page.waitForURL((address) => address.pathname === `/audit/case/${linkedCase}`);
    await page.getByTestId('audit-events').locator('li[data-event=CaseOpened]').waitFor();

    // The club's final document on the report is audited as well: chosen by its kind and number on the page.
    const issued = await system.via('POST', '/monitoring/control-documents', moderator, {
      subjectKind: 'report',
      subjectId: reportId,
      documentKind: 'recommendations',
      institutionBin: '123456789013',
      findings: 'The pothole by the school was patched twice',
      recommendations: ['Repair it with hot asphalt'],
      controlEndedOn: new Date().toISOString().slice(0, 10),
    });
    expect(issued.status).toBe(201);
    await page.locator('#audit-kind').selectOption('controlDocument');
    await page.locator('#audit-id').fill(issued.body.id);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForURL((address) => address.pathname === `/audit/controlDocument/${issued.body.id}`);
    await page.getByTestId('audit-events').locator('li[data-event=FinalDocumentIssued]').waitFor();
    await page.locator('[data-testid=as-of-status][data-status=issued]').waitFor();
    expect(await page.getByTestId('as-of-status').textContent()).toBe('Issued');
    expect(await untranslatedKeys(page)).toEqual([]);

    // And a budget institution, whose record is named by its BIN: a UUID-shaped number is refused, the BIN opens it.
    const official = await system.token('official', 'official-dana');
    const bin = validBin();
    await system.created('/budgets/institutions', official, {
      bin,
      name: 'Akimat of Taraz',
      district: 'Taraz',
      kind: 'akimat',
    });
    await page.locator('#audit-kind').selectOption('institution');
    await page.locator('#audit-id').fill(reportId);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    expect(await page.locator('#audit-id-error').textContent()).toContain('12 digits');
    await page.locator('#audit-id').fill(bin);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.waitForURL((address) => address.pathname === `/audit/institution/${bin}`);
    await page.getByTestId('audit-events').locator('li[data-event=InstitutionRegistered]').waitFor();
    await page.locator('[data-testid=as-of-status][data-status=registered]').waitFor();
    expect(await untranslatedKeys(page)).toEqual([]);

    await context.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
