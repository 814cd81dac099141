import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, eventuallyVia, expectReadableIn, fillForm, seriousViolations } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { seedFine, seedProgramme, type SeededProgramme } from '../support/console-seed';
import { validBin } from '../support/valid-bins';

// The officials' pages in a real Chromium against `npm start`: an official issues a fine through its form (the
// amount, deadlines and caveats the service answered), records an appeal and reduces the fine; a decision made stale
// behind the page's back is refused and loses nothing typed; anyone reads the institutions and contracts registers
// and filters them; a contractor's quality record shows what its cases did; each page in kk, ru and en.
const NBSP = '\u00a0';
const money = (tiyn: number) =>
  `${Math.floor(tiyn / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, NBSP)},${String(tiyn % 100).padStart(2, '0')}${NBSP}₸`;
/** A calendar day as the English pages write it (en-GB). */
const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
const LANGUAGES = ['kk', 'ru', 'en'] as const;

describe('the console: the officials fine, appeal, read the registers and a contractor’s record', () => {
  let seeded: SeededProgramme;
  let official: string;
  /** A second institution and contract, which the filters must leave out. */
  let merki: { bin: string; programmeId: string; contractId: string; contractorBin: string };
  /** A fine under appeal, for the stale decision. */
  let appealedFineId: string;
  /** An issued fine, for the pages in three languages. */
  let issuedFineId: string;
  /** The case assigned to the seeded contractor and repaired after one rework. */
  let repairedCaseId: string;

  const system = consoleUnderTest('console-officials', {
    seed: async () => {
      seeded = await seedProgramme(system.url);
      official = await system.token('official', 'official-saule');

      const merkiBin = await system.institution(official, {
        name: 'Roads department of Merki',
        district: 'Merki',
        kind: 'department',
      });
      const merkiProgramme = (
        await system.created('/budgets/programmes', official, {
          institutionBin: merkiBin,
          fiscalYear: 2026,
          code: '451-022',
          name: 'District roads',
          purpose: 'road_construction',
          allocationTiyn: 5_000_000_00,
        })
      ).id;
      const merkiContractor = validBin();
      const merkiContract = (
        await system.created('/budgets/contracts', official, {
          programmeId: merkiProgramme,
          contractorBin: merkiContractor,
          contractorName: 'Merki Kurylys LLP',
          subject: 'Gravel road to Aspara',
          roadSegment: { roadName: 'Aspara road', fromKm: 0, toKm: 12 },
          amountTiyn: 1_500_000_00,
          signedAt: '2026-05-04',
          warrantyMonths: 12,
        })
      ).id;
      merki = {
        bin: merkiBin,
        programmeId: merkiProgramme,
        contractId: merkiContract,
        contractorBin: merkiContractor,
      };

      // Two cases for the seeded contractor under its contract: one repaired after a rework, one still assigned.
      const inspector = await system.token('inspector', 'inspector-bolat');
      const contractor = await system.token('contractor', 'taraz-zhol', seeded.contractorBin);
      const openVerified = async (address: string, defectType: string) => {
        const { id } = await system.created('/road-cases/cases', inspector, {
          location: { lat: 42.9, lon: 71.3667 },
          district: 'Taraz',
          address,
          defectType,
          description: 'Found on a round',
        });
        const verified = await system.via('POST', `/road-cases/cases/${id}/verify`, inspector, {
          severity: 'high',
          areaM2: 4,
          estimatedCostTiyn: 250_000_00,
        });
        expect(verified.status).toBe(200);
        // Road-cases learns of the contract over the bus: assigning waits until it has.
        await eventuallyVia(
          () =>
            system.via('POST', `/road-cases/cases/${id}/assign`, official, {
              contractorBin: seeded.contractorBin,
              contractId: seeded.contractId,
            }),
          (answer) => answer.status === 200,
          'the assignment under the seeded contract',
        );
        return id as string;
      };
      // Of two kinds, so the second is a case of its own rather than joined to the first nearby.
      repairedCaseId = await openVerified('Tole bi 10', 'pothole');
      await openVerified('Tole bi 80', 'crack');
      const step = async (path: string, token: string, body: unknown) => {
        const answer = await system.via('POST', `/road-cases/cases/${repairedCaseId}/${path}`, token, body);
        expect({ path, status: answer.status }).toEqual({ path, status: 200 });
      };
      await step('report-repair', contractor, { note: 'Patched' });
      await step('reject-repair', inspector, { reason: 'The patch is already breaking up' });
      await step('report-repair', contractor, { note: 'Patched again, wider' });
      await step('accept-repair', inspector, { actualCostTiyn: 240_000_00 });

      // A fine under appeal, and one just issued.
      ({ fineId: appealedFineId } = await seedFine(system.url));
      const appealed = await system.via('POST', `/fines/fines/${appealedFineId}/appeal`, official, {
        reason: 'The road was already damaged',
      });
      expect(appealed.status).toBe(200);
      ({ fineId: issuedFineId } = await seedFine(system.url));
    },
    timeoutMs: 240_000,
  });

  async function pageFor() {
    const { context, blocked, page, errors } = await system.watchedPage();
    const done = async () => {
      await context.close();
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    };
    return { page, done };
  }

  const fineStatus = (page: Page, status: string) => page.locator(`[data-testid=fine-status][data-status=${status}]`);

  it('issues a fine through the form, shows what the service answered, and lists it', async () => {
    const { page, done } = await pageFor();
    await system.signIn(page, { role: 'official', sub: 'official-saule' }, '/fines');
    await page.getByRole('link', { name: 'Issue a fine' }).click();
    await page.waitForURL((address) => address.pathname === '/fines/new');

    // Nothing chosen: each missing field is said beside it, and the first takes the focus.
    await page.locator('#fine-issue-offenceType option[value=road_surface_damage]').waitFor({ state: 'attached' });
    await page.locator('#fine-issue-committedAt').fill('');
    await page.getByRole('button', { name: 'Issue the fine' }).click();
    expect(await page.locator('#fine-issue-offenceType-error').textContent()).toBe('Choose the offence.');
    expect(await page.locator('#fine-issue-district-error').textContent()).toBe('Choose the district.');
    expect(await page.evaluate('document.activeElement.id')).toBe('fine-issue-offenceType');

    // A business is named by its BIN, which the form asks for once the category is chosen.
    await page.locator('#fine-issue-offenceType').selectOption('road_surface_damage');
    await page.locator('#fine-issue-offenderCategory').selectOption('small_business');
    expect(await page.locator('#fine-issue-offenderCategory-hint').textContent()).toMatch(
      /^\d+ MCI for this category\.$/,
    );
    await fillForm(page, 'fine-issue', {
      offenderName: 'Zhol Service LLP',
      committedAt: '2026-11-20T10:30',
      place: 'Abay avenue 3',
      district: 'Taraz',
      evidence: 'https://evidence.example/abay-3.jpg',
    });
    await page.getByRole('button', { name: 'Issue the fine' }).click();
    expect(await page.locator('#fine-issue-offenderBin-error').textContent()).toBe(
      'A BIN is 12 digits (required for a business).',
    );
    const offenderBin = validBin();
    await page.locator('#fine-issue-offenderBin').fill(offenderBin);
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/fines/fines' && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Issue the fine' }).click(),
    ]);
    expect(response.status()).toBe(201);
    const issued = await response.json();
    const sent = response.request().postDataJSON();
    expect(sent).toEqual({
      offenceType: 'road_surface_damage',
      offender: { category: 'small_business', name: 'Zhol Service LLP', bin: offenderBin },
      committedAt: '2026-11-20T10:30:00+05:00',
      place: 'Abay avenue 3',
      district: 'Taraz',
      evidence: ['https://evidence.example/abay-3.jpg'],
    });

    // The answer: the amount from the catalogue's multiples at the MCI, the deadlines, and each caveat it gave.
    const answer = page.getByTestId('fine-issued');
    await answer.waitFor();
    const catalogue = await system.via('GET', '/fines/offence-types', official);
    const offence = catalogue.body.items.find((o: any) => o.offenceType === 'road_surface_damage');
    expect(issued.amountTiyn).toBe(offence.mciMultiples.small_business * issued.mciTiyn);
    expect(await page.getByTestId('issued-amount').textContent()).toBe(money(issued.amountTiyn));
    expect(await page.getByTestId('issued-discount').textContent()).toBe(
      `${money(issued.discountAmountTiyn)} if paid by ${day(issued.discountDeadline)}`,
    );
    expect(await page.getByTestId('issued-due').textContent()).toBe(day(issued.dueDate));
    expect(await page.getByTestId('issued-mci-unverified').count()).toBe(issued.mciUnverified ? 1 : 0);
    expect(await page.getByTestId('issued-calendar-unverified').count()).toBe(issued.calendarUnverified ? 1 : 0);
    expect(await page.evaluate('document.activeElement.id')).toBe('fine-issued-title');
    // The form is empty again for the next fine.
    expect(await page.locator('#fine-issue-offenderName').inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'fine-issued.png'), fullPage: true });

    // Its page, then the list, show it.
    await answer.getByRole('link', { name: 'Open the fine' }).click();
    await page.waitForURL((address) => address.pathname === `/fines/${issued.id}`);
    await fineStatus(page, 'issued').waitFor();
    expect(await page.getByTestId('fine-amount').textContent()).toBe(money(issued.amountTiyn));
    expect(await page.getByTestId('fine-facts').textContent()).toContain(`Small business (${offenderBin})`);
    await page.getByRole('navigation').getByRole('link', { name: 'Fines', exact: true }).click();
    const row = page.locator(`tr[data-fine-id="${issued.id}"]`);
    await row.waitFor();
    expect((await row.locator('td').allTextContents()).slice(0, 5)).toEqual([
      'Damage to the road surface — Abay avenue 3',
      'Issued',
      'Taraz',
      'Small business',
      money(issued.amountTiyn),
    ]);

    // The appeal: its grounds are required, then it stands and the decision is the next step.
    await row.getByRole('link').click();
    await fineStatus(page, 'issued').waitFor();
    await page.getByRole('button', { name: 'Record the appeal' }).click();
    expect(await page.locator('#appeal-reason-error').textContent()).toBe('Give the reason.');
    await page.locator('#appeal-reason').fill('The pothole was there before the works');
    await page.getByRole('button', { name: 'Record the appeal' }).click();
    await fineStatus(page, 'appealed').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('The appeal is recorded.');
    expect(await page.getByRole('button', { name: 'Record the appeal' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Book the payment' }).count()).toBe(0);

    // Reduced: a new amount not below the fine is stopped on the page; a lower one stands.
    await page.locator('#decide-decision').selectOption('reduced');
    await page.locator('#decide-newAmount').fill(String(issued.amountTiyn / 100));
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect(await page.locator('#decide-newAmount-error').textContent()).toBe(
      `Give the new amount in tenge: less than the fine's ${money(issued.amountTiyn)} and more than the ${money(0)} already paid.`,
    );
    const reducedTiyn = Math.floor(issued.amountTiyn / 3 / 100) * 100 + 50;
    await page.locator('#decide-newAmount').fill((reducedTiyn / 100).toFixed(2).replace('.', ','));
    await page.locator('#decide-reason').fill('First offence; the damage was repaired at once');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await fineStatus(page, 'issued').waitFor();
    expect(await page.getByRole('status').textContent()).toBe('The appeal is decided.');
    expect(await page.getByTestId('fine-amount').textContent()).toBe(money(reducedTiyn));
    expect(await page.getByTestId('fine-payment').textContent()).toContain('— reduced');
    expect(await page.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'fine-appeal-reduced.png'), fullPage: true });
    const stored = await system.via('GET', `/fines/fines/${issued.id}`, official);
    expect({
      status: stored.body.status,
      amount: stored.body.amountTiyn,
      decision: stored.body.appealDecision,
    }).toEqual({ status: 'issued', amount: reducedTiyn, decision: 'reduced' });
    await done();
  });

  it('refuses a decision made stale behind the page’s back, and keeps what was typed', async () => {
    const { page, done } = await pageFor();
    await system.signIn(page, { role: 'official', sub: 'official-saule' }, `/fines/${appealedFineId}`);
    await fineStatus(page, 'appealed').waitFor();
    await page.locator('#decide-decision').selectOption('cancelled');
    await page.locator('#decide-reason').fill('The evidence does not show the vehicle');

    // Another official upholds it meanwhile.
    const upheld = await system.via('POST', `/fines/fines/${appealedFineId}/decide-appeal`, official, {
      decision: 'upheld',
    });
    expect(upheld.status).toBe(200);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/fines/fines/${appealedFineId}/decide-appeal`)),
      page.getByRole('button', { name: 'Record the decision' }).click(),
    ]);
    expect(response.status()).toBe(409);
    expect(response.request().headers()['if-match']).toBe('"2"');
    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Changed by someone else.');
    expect(await page.locator('#decide-decision').inputValue()).toBe('cancelled');
    expect(await page.locator('#decide-reason').inputValue()).toBe('The evidence does not show the vehicle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'fine-decision-conflict.png'), fullPage: true });
    // Nothing was overwritten: the other official's decision stands, and the page shows it once reloaded.
    const stored = await system.via('GET', `/fines/fines/${appealedFineId}`, official);
    expect({ status: stored.body.status, decision: stored.body.appealDecision }).toEqual({
      status: 'issued',
      decision: 'upheld',
    });
    await conflict.getByRole('button', { name: 'Reload' }).click();
    await fineStatus(page, 'issued').waitFor();
    expect(await page.getByTestId('fine-payment').textContent()).toContain('— upheld');
    expect(await page.getByTestId('conflict').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record the decision' }).count()).toBe(0);
    await done();
  });

  it('lists and filters the institutions and the contracts for anyone, each on its own page', async () => {
    const { page, done } = await pageFor();
    await page.goto(`${system.url}/`);
    await page.getByRole('navigation').getByRole('link', { name: 'Institutions', exact: true }).click();
    await page.waitForURL((address) => address.pathname === '/institutions');
    const taraz = page.locator(`tr[data-institution-bin="${seeded.bin}"]`);
    const merkiRow = page.locator(`tr[data-institution-bin="${merki.bin}"]`);
    await taraz.waitFor();
    await merkiRow.waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Institutions: 2');
    expect((await merkiRow.locator('td').allTextContents()).slice(0, 5)).toEqual([
      'Roads department of Merki',
      merki.bin,
      'Merki district',
      'Department',
      '—',
    ]);
    // By kind, then by district: each leaves the other out.
    await page.locator('#institutions-kind').selectOption('department');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === '?kind=department');
    await page.getByText('Institutions: 1').waitFor();
    expect(await merkiRow.count()).toBe(1);
    expect(await taraz.count()).toBe(0);
    await page.locator('#institutions-kind').selectOption('');
    await page.locator('#institutions-district').selectOption('Taraz');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === '?district=Taraz');
    // Both lists count one: the new one is in when its institution is.
    await taraz.waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Institutions: 1');
    expect(await merkiRow.count()).toBe(0);
    // A year no one disclosed lists none; a year that is no year is said beside its field.
    await page.locator('#institutions-disclosedIn').fill('20x6');
    await page.locator('form[role=search] button[type=submit]').click();
    expect(await page.locator('#institutions-disclosedIn-error').textContent()).toBe(
      'Give a year from 2000 to 2100, e.g. 2026.',
    );
    await page.locator('#institutions-disclosedIn').fill('2025');
    await page.locator('form[role=search] button[type=submit]').click();
    await page.getByText('Institutions: 0').waitFor();
    await page.goBack();
    await taraz.getByRole('link').click();

    // The institution's page: its programme, linked.
    await page.waitForURL((address) => address.pathname === `/institutions/${seeded.bin}`);
    expect(await page.locator('h1').textContent()).toBe(seeded.institution);
    expect(await page.getByTestId('institution-facts').textContent()).toContain('Akimat');
    const programme = page
      .getByTestId('institution-programmes')
      .locator(`tr[data-programme-id="${seeded.programmeId}"]`);
    expect(await programme.locator('td').first().textContent()).toBe(`${seeded.code} — Street repair`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'institution.png'), fullPage: true });
    await programme.getByRole('link').click();
    await page.waitForURL((address) => address.pathname === `/programmes/${seeded.programmeId}`);

    // From the programme to its contracts in the register, then the register by contractor.
    await page.getByRole('link', { name: 'Its contracts in the register' }).click();
    await page.waitForURL((address) => address.search === `?programme=${seeded.programmeId}`);
    const ours = page.locator(`tr[data-contract-id="${seeded.contractId}"]`);
    const theirs = page.locator(`tr[data-contract-id="${merki.contractId}"]`);
    await ours.waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Contracts: 1');
    expect(await theirs.count()).toBe(0);
    const contract = (await system.via('GET', `/budgets/contracts/${seeded.contractId}`)).body;
    expect(await ours.locator('td').allTextContents()).toEqual([
      'Resurfacing of Tole bi',
      `${seeded.contractorName} (${seeded.contractorBin})`,
      `${seeded.code} (${seeded.fiscalYear})`,
      'Tole bi, km 1–3',
      money(contract.amountTiyn),
      money(contract.paidTiyn),
      day(contract.signedAt),
      day(contract.warrantyEndsAt),
    ]);
    // Signed out, the contractor's name is no link to a page that would refuse the reader.
    expect(await ours.locator('td').nth(1).getByRole('link').count()).toBe(0);
    await page.getByRole('navigation').getByRole('link', { name: 'Contracts', exact: true }).click();
    await page.waitForURL((address) => address.pathname === '/contracts' && address.search === '');
    await theirs.waitFor();
    expect(await page.getByRole('status').textContent()).toBe('Contracts: 2');
    await page.locator('#contracts-contractor').fill('12345');
    await page.locator('form[role=search] button[type=submit]').click();
    expect(await page.locator('#contracts-contractor-error').textContent()).toBe('A BIN is 12 digits.');
    await page.locator('#contracts-contractor').fill(merki.contractorBin);
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForURL((address) => address.search === `?contractor=${merki.contractorBin}`);
    await page.getByText('Contracts: 1').waitFor();
    expect(await ours.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'contracts.png'), fullPage: true });

    // One contract's page.
    await theirs.getByRole('link', { name: 'Gravel road to Aspara' }).click();
    await page.waitForURL((address) => address.pathname === `/contracts/${merki.contractId}`);
    expect(await page.locator('h1').textContent()).toBe('Gravel road to Aspara');
    expect(await page.getByTestId('contract-amount').textContent()).toBe(money(1_500_000_00));
    const facts = (await page.getByTestId('contract-facts').textContent())!;
    expect(facts).toContain('451-022 — District roads');
    expect(facts).toContain('Roads department of Merki');
    expect(facts).toContain('Aspara road, km 0–12');
    expect(facts).toContain('Repairs under the warranty0, costing');
    expect(await seriousViolations(page)).toEqual([]);
    await done();
  });

  it('shows a contractor’s quality record as its cases made it, reached from the case and the register', async () => {
    const quality = (await system.via('GET', `/road-cases/contractors/${seeded.contractorBin}/quality`, official)).body;
    // What the seeded cases did: two assigned under the warranty, one accepted (on time) after one rework.
    expect(quality).toMatchObject({
      casesAssigned: 2,
      underWarranty: 2,
      repairsAccepted: 1,
      reworks: 1,
      acceptedOnTime: 1,
      reworkRate: 1,
      onTimeRate: 1,
    });
    const { page, done } = await pageFor();
    await system.signIn(page, { role: 'official', sub: 'official-saule' }, `/cases/${repairedCaseId}`);
    await page.getByTestId('case-status').waitFor();
    await page.getByTestId('case-contractor').getByRole('link').click();
    await page.waitForURL((address) => address.pathname === `/contractors/${seeded.contractorBin}`);
    await page.getByTestId('contractor-quality').waitFor();
    expect(await page.getByTestId('contractor-name').textContent()).toBe(
      `${seeded.contractorName} (${seeded.contractorBin})`,
    );
    const figure = (name: string) => page.getByTestId(`quality-${name}`).textContent();
    expect({
      casesAssigned: await figure('casesAssigned'),
      underWarranty: await figure('underWarranty'),
      repairsAccepted: await figure('repairsAccepted'),
      reworks: await figure('reworks'),
      reworkRate: await figure('reworkRate'),
      acceptedOnTime: await figure('acceptedOnTime'),
      onTimeRate: await figure('onTimeRate'),
      medianDaysToRepair: await figure('medianDaysToRepair'),
    }).toEqual({
      casesAssigned: '2',
      underWarranty: '2',
      repairsAccepted: '1',
      reworks: '1',
      reworkRate: '100 %',
      acceptedOnTime: '1',
      onTimeRate: '100 %',
      // The repair took minutes: well under a hundredth of a day.
      medianDaysToRepair: `${Number(quality.medianDaysToRepair.toFixed(2))} days`,
    });
    expect(await page.getByTestId('contractor-contracts').textContent()).toContain('Resurfacing of Tole bi');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'contractor-quality.png'), fullPage: true });

    // The lookup: a BIN that is none is said beside it; another contractor has no case yet.
    await page.locator('#contractor-bin').fill('not a bin');
    await page.getByRole('button', { name: 'Show the record' }).click();
    expect(await page.locator('#contractor-bin-error').textContent()).toBe('A BIN is 12 digits.');
    await page.locator('#contractor-bin').fill(merki.contractorBin);
    await page.getByRole('button', { name: 'Show the record' }).click();
    await page.waitForURL((address) => address.pathname === `/contractors/${merki.contractorBin}`);
    await page.getByText('No case has been assigned to this contractor yet.').waitFor();
    expect(await figure('casesAssigned')).toBe('0');
    expect(await figure('reworkRate')).toBe('—');

    // From the contracts register, signed in as an official, the contractor's name leads to its record.
    await page.getByRole('navigation').getByRole('link', { name: 'Contracts', exact: true }).click();
    const ours = page.locator(`tr[data-contract-id="${seeded.contractId}"]`);
    await ours.locator('td').nth(1).getByRole('link').click();
    await page.waitForURL((address) => address.pathname === `/contractors/${seeded.contractorBin}`);
    expect(await page.getByTestId('quality-casesAssigned').textContent()).toBe('2');
    await done();
  });

  it.each(LANGUAGES)(
    'shows each of these pages in %s, with no untranslated label and no serious axe violation',
    async (language) => {
      const { page, done } = await pageFor();
      await page.goto(`${system.url}/`);
      await page.locator('#language').selectOption(language);
      const check = async (name: string) => {
        await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
        await expectReadableIn(page, name, language);
      };

      // The public registers, each checked once it shows what was seeded.
      for (const [path, shown, name] of [
        ['/institutions', `tr[data-institution-bin="${seeded.bin}"]`, 'institutions'],
        [`/institutions/${seeded.bin}`, '[data-testid="institution-programmes"]', 'institution'],
        ['/contracts', `tr[data-contract-id="${seeded.contractId}"]`, 'contracts'],
        [`/contracts/${seeded.contractId}`, '[data-testid="contract-facts"]', 'contract'],
      ]) {
        await page.goto(`${system.url}${path}`);
        await page.locator(shown).waitFor();
        await check(name);
      }

      await system.signIn(page, { role: 'official', sub: 'official-saule' }, `/contractors/${seeded.contractorBin}`);
      await page.getByTestId('contractor-quality').waitFor();
      await check('contractor');

      // The issue form, stopped with its errors said, then its answer.
      await page.getByRole('navigation').locator('a[href="/fines"]').click();
      await page.locator('a[href="/fines/new"]').click();
      await page.locator('#fine-issue-offenceType option[value=vehicle_overload]').waitFor({ state: 'attached' });
      await page.locator('main form button[type=submit]').click();
      await page.locator('#fine-issue-offenceType-error').waitFor();
      await check('fine-issue-errors');
      await fillForm(page, 'fine-issue', {
        offenceType: 'vehicle_overload',
        offenderCategory: 'individual',
        offenderName: 'Serik Driver',
        offenderIin: '900101300123',
        vehiclePlate: '456 XYZ 08',
        place: 'Taraz bypass, km 4',
        district: 'Taraz',
        evidence: 'https://evidence.example/scales.pdf',
      });
      await page.locator('main form button[type=submit]').click();
      await page.getByTestId('fine-issued').waitFor();
      await check('fine-issued');

      // An issued fine (payment and appeal), then one under appeal (its decision, reduced chosen).
      await system.signIn(page, { role: 'official', sub: 'official-saule' }, `/fines/${issuedFineId}`);
      await page.locator('#appeal-reason').waitFor();
      await check('fine-appeal');
      const { fineId: underAppeal } = await seedFine(system.url);
      const appealed = await system.via('POST', `/fines/fines/${underAppeal}/appeal`, official, {
        reason: 'Not the driver',
      });
      expect(appealed.status).toBe(200);
      await system.signIn(page, { role: 'official', sub: 'official-saule' }, `/fines/${underAppeal}`);
      await page.locator('#decide-decision').selectOption('reduced');
      await page.locator('#decide-newAmount').waitFor();
      await check('fine-decide');
      await done();
    },
  );
});
