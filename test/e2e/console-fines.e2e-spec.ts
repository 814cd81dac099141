import { join } from 'node:path';
import { ARTIFACTS, seriousViolations } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { seedFine } from '../support/console-seed';

// Fines in a real Chromium against `npm start`: an official finds a fine in the list by its status, reads it (the
// amount from the MCI, the discount and its deadline, the due date, the calendar's caveat when the service gives
// it) and books its payment; then anyone, signed out, reads the statistics, which count it and never its offender.
const NBSP = '\u00a0';
const money = (tiyn: number) =>
  `${Math.floor(tiyn / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${String(tiyn % 100).padStart(2, '0')}${NBSP}₸`;

describe('the console: a fine seen by an official, and the statistics seen by anyone', () => {
  let fineId: string;
  let fine: any;

  const system = consoleUnderTest('console-fines', {
    seed: async () => {
      ({ fineId, fine } = await seedFine(system.url));
    },
  });

  it('lists the fine, shows its amounts and deadlines, and books its payment', async () => {
    const { context, blocked, page, errors } = await system.watchedPage();

    await system.signIn(page, { role: 'official', sub: 'official-saule' }, '/fines');
    await page.locator('#fines-status').selectOption('issued');
    await page.locator('#fines-offenderCategory').selectOption('individual');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === '?status=issued&offenderCategory=individual');
    const row = page.locator(`tr[data-fine-id="${fineId}"]`);
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 6)).toEqual([
      'Damage to the road surface — Tole bi 45',
      'Issued',
      'Taraz',
      'Individual',
      money(fine.amountTiyn),
      money(fine.amountTiyn),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    // Another status filters it out.
    await page.locator('#fines-status').selectOption('paid');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.getByText('Fines: 0').waitFor();
    await page.goBack();
    await row.getByRole('link').click();

    await page.waitForURL((address) => address.pathname === `/fines/${fineId}`);
    expect(await page.getByTestId('fine-status').textContent()).toBe('Issued');
    expect(await page.getByTestId('fine-amount').textContent()).toBe(money(fine.amountTiyn));
    const facts = (await page.getByTestId('fine-facts').textContent())!;
    expect(facts).toContain(`${fine.mciMultiples} MCI at ${money(fine.mciTiyn)}`);
    const [y, m, d] = fine.discountDeadline.split('-');
    expect(facts).toContain(`${money(fine.discountAmountTiyn)} if paid by ${d}/${m}/${y}`);
    const [dy, dm, dd] = fine.dueDate.split('-');
    expect(await page.getByTestId('fine-due').textContent()).toBe(`${dd}/${dm}/${dy}`);
    // The calendar's caveat is shown exactly when the service gives it.
    expect(await page.getByTestId('calendar-unverified').count()).toBe(fine.calendarUnverified ? 1 : 0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'fine.png'), fullPage: true });

    // A payment of nothing is stopped on the page; the discounted amount pays it in full.
    await page.locator('#payment-amount').fill('0');
    await page.getByRole('button', { name: 'Book the payment' }).click();
    expect(await page.locator('#payment-amount-error').textContent()).toBe(
      'Give the sum in tenge, e.g. 60 000 or 1 234,56.',
    );
    await page.locator('#payment-amount').fill(String(fine.discountAmountTiyn / 100));
    await page.locator('#payment-paymentId').fill('KASPI-2026-0001');
    await page.getByRole('button', { name: 'Book the payment' }).click();
    await page.locator('[data-testid=fine-status][data-status=paid]').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('The payment is booked.');
    expect(await page.getByTestId('fine-paid').textContent()).toBe(money(fine.discountAmountTiyn));
    expect(await page.getByTestId('fine-balance').textContent()).toBe(money(0));
    expect(await page.getByTestId('fine-payment').textContent()).toContain('Discount appliedyes');
    expect(await page.getByRole('button', { name: 'Book the payment' }).count()).toBe(0);

    await context.close();
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  it('shows the statistics to anyone, as the service counts them', async () => {
    const stats = await system.via('GET', '/fines/fines/stats');
    expect(stats.body.totals.fines).toBe(1);
    const { context, blocked } = await system.context();
    const page = await context.newPage();
    await page.goto(`${system.url}/`);
    await page.getByRole('link', { name: 'Fines statistics' }).first().click();
    await page.waitForURL((address) => address.pathname === '/fines/stats');
    await page.getByTestId('fine-stats-count').waitFor();
    expect(await page.getByTestId('fine-stats-count').textContent()).toBe('1');
    expect(await page.getByTestId('fine-stats-imposedTiyn').textContent()).toBe(money(stats.body.totals.imposedTiyn));
    expect(await page.getByTestId('fine-stats-collectedTiyn').textContent()).toBe(money(fine.discountAmountTiyn));
    expect(await page.getByTestId('fine-stats-outstandingTiyn').textContent()).toBe(
      money(stats.body.totals.outstandingTiyn),
    );
    const groups = page.getByTestId('fine-stats-groups').locator('tbody tr');
    expect(await groups.count()).toBe(stats.body.groups.length);
    const [group] = stats.body.groups;
    expect((await groups.first().locator('td').allTextContents()).slice(0, 4)).toEqual([
      `${group.year}-${String(group.month).padStart(2, '0')}`,
      'Damage to the road surface',
      'Individual',
      '1',
    ]);
    // Never an offender: neither the name nor the plate.
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('Aibek');
    expect(text).not.toContain('123ABC08');
    expect(text).not.toContain('900101300123');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'fine-stats.png'), fullPage: true });
    await context.close();
    expect(blocked).toEqual([]);
  });
});
