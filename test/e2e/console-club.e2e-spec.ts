import { join } from 'node:path';
import { ARTIFACTS, seriousViolations } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';

// The club's agenda in a real Chromium against `npm start`: a moderator reads the week's waiting reports and what
// its meetings decided, marks a report under review a duplicate of a nearby one (a number no report has is refused
// by the service and said beside the field), and a report changed by someone else meanwhile is a conflict to
// reload, never an overwrite.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty' }).format(new Date());

describe("the console: the club's agenda, and a report marked a duplicate", () => {
  let moderator: string;
  let original: string;
  let repeat: string;
  let other: string;
  let decided: string;

  const road = (address: string, defectType = 'pothole') => ({
    kind: 'road_defect',
    road: { location: { lat: 42.9, lon: 71.3667 }, district: 'Taraz', address, defectType, photos: [] },
  });
  const step = (id: string, action: string, body?: unknown) =>
    system.via('POST', `/monitoring/reports/${id}/${action}`, moderator, body);

  const system = consoleUnderTest('console-club', {
    seed: async () => {
      moderator = await system.token('moderator', 'moderator-aliya');
      // Filed one after the other: the agenda lists them oldest first.
      original = (await system.created('/monitoring/reports', '', road('Tole bi 45'))).id;
      repeat = (await system.created('/monitoring/reports', '', road('Tole bi 45, by the bus stop'))).id;
      other = (await system.created('/monitoring/reports', '', road('Abay avenue 3', 'crack'))).id;
      decided = (await system.created('/monitoring/reports', '', road('Zheltoksan 8', 'rutting'))).id;
      for (const id of [repeat, other, decided]) expect((await step(id, 'start-review')).status).toBe(200);
      expect((await step(decided, 'accept', { meetingDate: today })).status).toBe(200);
    },
  });

  it('shows the week, marks a duplicate, and turns a stale step into a conflict', async () => {
    const { context, blocked, page, errors } = await system.watchedPage();

    await system.signIn(page, { role: 'moderator', sub: 'moderator-aliya' }, '/agenda');
    const awaiting = page.locator('section[aria-labelledby=agenda-awaiting] article');
    await awaiting.nth(2).waitFor();
    expect(await awaiting.evaluateAll((items) => items.map((a) => a.getAttribute('data-report-id')))).toEqual([
      original,
      repeat,
      other,
    ]);
    expect(await page.locator('#agenda-awaiting').textContent()).toBe('Awaiting the club (3)');
    expect(await page.locator('#agenda-decided').textContent()).toBe("Decided at the week's meetings (1)");
    const decidedList = page.getByTestId('agenda-decided');
    expect(await decidedList.locator(`li[data-report-id="${decided}"]`).getAttribute('data-status')).toBe('accepted');
    // Only a report under review may be marked; the one still waiting says to take it up first.
    const first = page.locator(`article[data-report-id="${original}"]`);
    expect(await first.locator('form').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'agenda.png'), fullPage: true });

    // A number no report has: the service refuses (400 on duplicateOf), said beside the field.
    const card = page.locator(`article[data-report-id="${repeat}"]`);
    await card.locator(`#duplicate-${repeat}-duplicateOf`).fill('0b3c5a8e-5d5e-4a43-9d43-2b1f0c6d7e8f');
    await card.getByRole('button', { name: 'Mark as a duplicate' }).click();
    await card.locator(`#duplicate-${repeat}-duplicateOf-error`).waitFor();
    expect(await card.locator(`#duplicate-${repeat}-duplicateOf-error`).textContent()).toBe(
      'No report has this number.',
    );

    // The report offered (the same defect in the same district: the original pothole, not the crack) is the one.
    const offered = card.locator('[data-candidate]');
    expect(await offered.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-candidate')))).toEqual([
      original,
    ]);
    await offered.click();
    expect(await card.locator(`#duplicate-${repeat}-duplicateOf`).inputValue()).toBe(original);
    await card.getByRole('button', { name: 'Mark as a duplicate' }).click();
    await decidedList.locator(`li[data-report-id="${repeat}"][data-status=duplicate]`).waitFor();
    expect(await page.getByRole('status').first().textContent()).toBe(
      `Report ${repeat} is marked a duplicate of ${original}.`,
    );
    expect(await decidedList.locator(`li[data-report-id="${repeat}"] code`).textContent()).toBe(original);
    expect(await awaiting.count()).toBe(2);
    const read = await system.via('GET', `/monitoring/reports/${repeat}`, moderator);
    expect(read.body).toMatchObject({ status: 'duplicate', duplicateOf: original, meetingDate: today });

    // Someone else rejects the other report meanwhile: marking it from this page is a conflict (409), not a change.
    expect((await step(other, 'reject', { meetingDate: today, reason: 'Repaired already' })).status).toBe(200);
    const stale = page.locator(`article[data-report-id="${other}"]`);
    await stale.locator(`#duplicate-${other}-duplicateOf`).fill(original);
    await stale.getByRole('button', { name: 'Mark as a duplicate' }).click();
    const conflict = stale.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Changed by someone else');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await system.via('GET', `/monitoring/reports/${other}`, moderator)).body.status).toBe('rejected');
    // Reloaded, it is among the decided, rejected with its reason.
    await conflict.getByRole('button').click();
    await decidedList.locator(`li[data-report-id="${other}"][data-status=rejected]`).waitFor();
    expect(await decidedList.locator(`li[data-report-id="${other}"]`).textContent()).toContain('Repaired already');
    expect(await awaiting.count()).toBe(1);

    await context.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});
