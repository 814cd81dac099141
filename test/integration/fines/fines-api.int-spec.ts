import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@app/platform';
import { bearer, http, serviceEnv, startServiceProcess } from '@app/testing';
import { spawnedService } from '../../support/spawned-services';
import { eventTypes } from '../../support/service-calls';
import { addCalendarDays, almatyDate, kazakhstanCalendar } from '@app/domain-kernel';

const IIN = '900101300123';
const DAY_MS = 86_400_000;

// The fines API as officials (the payment channel among them), auditors and others use it: a real process on real Postgres.
describe('fines over HTTP', () => {
  const { db, service } = spawnedService('fines', 'fines_api', { env: { FINE_OVERDUE_SWEEP_SECONDS: '0' } });
  const raidId = randomUUID();

  const call = (method: string, path: string, role?: Role, body?: unknown, headers: Record<string, string> = {}) =>
    http(method, `${service.url}${path}`, { body, headers: { ...(role ? bearer(role) : {}), ...headers } });

  const fineBody = (overrides: Record<string, unknown> = {}) => ({
    offenceType: 'road_surface_damage',
    offender: { category: 'individual', name: 'Aibek Driver', iin: IIN, vehiclePlate: '123ABC08' },
    committedAt: '2026-01-10T09:00:00+05:00',
    place: 'Tole bi st. 12, Taraz',
    district: 'Taraz',
    raidId,
    evidence: ['https://evidence.example/1.jpg'],
    ...overrides,
  });

  async function issue(overrides: Record<string, unknown> = {}): Promise<any> {
    const issued = await call('POST', '/fines', 'official', fineBody(overrides));
    expect(issued.status).toBe(201);
    return issued.body;
  }

  it('publishes the offence catalogue and the MCI table without a token', async () => {
    const types = await call('GET', '/offence-types');
    expect(types.status).toBe(200);
    expect(types.body.items.map((t: { offenceType: string }) => t.offenceType)).toEqual(
      expect.arrayContaining(['road_surface_damage', 'vehicle_overload', 'other']),
    );
    expect(types.body.items[0].mciMultiples).toHaveProperty('large_business');
    const mci = await call('GET', '/mci');
    expect(mci.status).toBe(200);
    expect(mci.body.purpose).toBe('penalties');
    expect(mci.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'penalties', effectiveFrom: '2020-04-01', tenge: 2_778, tiyn: 277_800 }),
        expect.objectContaining({ purpose: 'penalties', effectiveFrom: '2026-01-01', tenge: 4_325, tiyn: 432_500 }),
      ]),
    );
    // 2022: penalties keep the MCI of 1 January all year; 3,180 from June is the benefits series'.
    const in2022 = (body: { items: Array<{ effectiveFrom: string; tenge: number }> }) =>
      body.items.filter((row) => row.effectiveFrom.startsWith('2022')).map((row) => [row.effectiveFrom, row.tenge]);
    expect(in2022(mci.body)).toEqual([['2022-01-01', 3_063]]);
    const benefits = await call('GET', '/mci?purpose=benefits');
    expect(in2022(benefits.body)).toEqual([
      ['2022-01-01', 3_063],
      ['2022-06-01', 3_180],
    ]);
    expect(benefits.body.items.every((row: { source: string }) => /republican budget/.test(row.source))).toBe(true);
    const bad = await call('GET', '/mci?purpose=pensions');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('purpose');
  });

  it('issues a fine with the amount, the MCI used, the discount deadline and the due date; 50% in time closes it', async () => {
    const today = almatyDate(new Date());
    const issued = await call('POST', '/fines', 'official', fineBody());
    expect(issued.status).toBe(201);
    expect(issued.headers.get('etag')).toBe('"1"');
    expect(issued.body).toMatchObject({
      status: 'issued',
      version: 1,
      amountTiyn: 20 * 432_500,
      mciTiyn: 432_500,
      mciEffectiveFrom: '2026-01-01',
      discountAmountTiyn: 10 * 432_500,
      dueDate: addCalendarDays(today, 30),
    });
    expect(issued.body.discountDeadline > addCalendarDays(today, 6)).toBe(true); // 7 working days are at least 9 calendar days
    // Flagged exactly when a deadline lands in a year the calendar is not verified for (2027 is not, as of 2026).
    const unverified = [issued.body.discountDeadline, issued.body.dueDate].some(
      (day: string) => !kazakhstanCalendar.isVerified(Number(day.slice(0, 4))),
    );
    expect(issued.body.calendarUnverified).toBe(unverified);
    const id = issued.body.id;
    expect((await call('GET', `/fines/${id}`, 'official')).body.calendarUnverified).toBe(unverified);

    const paid = await call(
      'POST',
      `/fines/${id}/payments`,
      'official',
      { amountTiyn: 10 * 432_500 },
      { 'if-match': '"1"' },
    );
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', version: 2, balanceTiyn: 0, discountApplied: true });

    const fine = await call('GET', `/fines/${id}`, 'auditor');
    expect(fine.body).toMatchObject({
      status: 'paid',
      paidTiyn: 4_325_000,
      balanceTiyn: 0,
      discountApplied: true,
      district: 'Taraz',
      offenderIinKeyId: 'test1',
      offender: { heldBy: 'fines', inClear: false },
    });
    const history = await call('GET', `/fines/${id}/history`, 'auditor');
    expect(eventTypes(history)).toEqual(['FineIssued', 'FinePaid']);
    const asOf = await call('GET', `/fines/${id}?asOf=1`, 'official');
    expect(asOf.body).toMatchObject({ version: 1, status: 'issued', paidTiyn: 0 });
  });

  it('uses the MCI in force on the offence date', async () => {
    expect((await issue({ committedAt: '2025-12-31T12:00:00+05:00' })).amountTiyn).toBe(20 * 393_200);
    // July 2022: the MCI for penalties is that of 1 January (3,063), not the 3,180 that served benefits from June.
    expect(await issue({ committedAt: '2022-07-15T12:00:00+06:00' })).toMatchObject({
      amountTiyn: 20 * 306_300,
      mciTiyn: 306_300,
      mciEffectiveFrom: '2022-01-01',
    });
    expect(
      (
        await issue({
          offenceType: 'vehicle_overload',
          offender: { category: 'large_business', name: 'Zhol LLP', bin: '123456789012' },
        })
      ).amountTiyn,
    ).toBe(150 * 432_500);
  });

  it('takes part payments and refuses a payment above the balance with 400 naming amountTiyn and the amount due', async () => {
    const { id } = await issue();
    const over = await call('POST', `/fines/${id}/payments`, 'official', { amountTiyn: 20 * 432_500 });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ field: 'amountTiyn', amountDueTiyn: 10 * 432_500 });
    const part = await call('POST', `/fines/${id}/payments`, 'official', {
      amountTiyn: 1_000_000,
      paymentId: 'kaspi-1',
    });
    expect(part.body).toMatchObject({
      status: 'issued',
      version: 2,
      balanceTiyn: 10 * 432_500 - 1_000_000,
      discountApplied: false,
    });
    const retried = await call('POST', `/fines/${id}/payments`, 'official', {
      amountTiyn: 1_000_000,
      paymentId: 'kaspi-1',
    });
    expect(retried.body).toMatchObject({ status: 'issued', version: 2, balanceTiyn: 10 * 432_500 - 1_000_000 });
    const future = await call('POST', `/fines/${id}/payments`, 'official', {
      amountTiyn: 1,
      paidAt: new Date(Date.now() + DAY_MS).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe('paidAt');
  });

  it('refuses a payment reference booked on another fine with 409 naming it; of two concurrent bookings on two fines one commits', async () => {
    const first = await issue();
    const second = await issue();
    expect(
      (
        await call('POST', `/fines/${first.id}/payments`, 'official', {
          amountTiyn: 100_000,
          paymentId: 'kaspi-shared-1',
        })
      ).status,
    ).toBe(200);
    const again = await call('POST', `/fines/${second.id}/payments`, 'official', {
      amountTiyn: 100_000,
      paymentId: 'kaspi-shared-1',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      error: 'payment_reference_taken',
      fineId: first.id,
      paymentId: 'kaspi-shared-1',
    });
    expect(again.body.message).toContain(first.id);
    expect((await call('GET', `/fines/${second.id}`, 'official')).body).toMatchObject({ version: 1, paidTiyn: 0 });
    // The same fine again is the payment channel's retry: booked once, answered 200.
    const retried = await call('POST', `/fines/${first.id}/payments`, 'official', {
      amountTiyn: 100_000,
      paymentId: 'kaspi-shared-1',
    });
    expect(retried.status).toBe(200);
    expect(retried.body.version).toBe(2);

    // Two fines, one new reference, booked at the same moment: one 200, one 409, one booking in all.
    const [a, b] = [await issue(), await issue()];
    const answers = await Promise.all(
      [a, b].map((f) =>
        call('POST', `/fines/${f.id}/payments`, 'official', { amountTiyn: 50_000, paymentId: 'kaspi-race-1' }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = answers.find((r) => r.status === 409)!;
    const winner = answers[0].status === 200 ? a : b;
    expect(refused.body).toMatchObject({ error: 'payment_reference_taken', fineId: winner.id });
    const paid = await Promise.all(
      [a, b].map(async (f) => (await call('GET', `/fines/${f.id}`, 'official')).body.paidTiyn),
    );
    expect(paid.sort((x, y) => x - y)).toEqual([0, 50_000]);
  });

  it('appeals: reduced to a new amount, and cancelled', async () => {
    const reduced = await issue();
    expect(
      (await call('POST', `/fines/${reduced.id}/appeal`, 'official', { reason: 'was not driving' })).body.status,
    ).toBe('appealed');
    const blocked = await call('POST', `/fines/${reduced.id}/payments`, 'official', { amountTiyn: 100 });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ error: 'illegal_transition', status: 'appealed' });
    const noAmount = await call('POST', `/fines/${reduced.id}/decide-appeal`, 'official', { decision: 'reduced' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.field).toBe('newAmountTiyn');
    const decided = await call('POST', `/fines/${reduced.id}/decide-appeal`, 'official', {
      decision: 'reduced',
      newAmountTiyn: 2_000_000,
    });
    expect(decided.body).toMatchObject({ status: 'issued', amountTiyn: 2_000_000 });
    // No discount after an appeal: the whole reduced amount is due.
    expect(
      (await call('POST', `/fines/${reduced.id}/payments`, 'official', { amountTiyn: 2_000_000 })).body,
    ).toMatchObject({ status: 'paid', discountApplied: false });

    const cancelled = await issue();
    await call('POST', `/fines/${cancelled.id}/appeal`, 'official', { reason: 'wrong plate' });
    expect(
      (await call('POST', `/fines/${cancelled.id}/decide-appeal`, 'official', { decision: 'cancelled' })).body.status,
    ).toBe('cancelled');
  });

  it('answers 400 naming the bad field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [fineBody({ offender: { name: 'x', iin: IIN } }), 'offender.category'],
      [fineBody({ committedAt: 'yesterday' }), 'committedAt'],
      [fineBody({ offenceType: 'jaywalking' }), 'offenceType'],
      [fineBody({ offender: { category: 'individual', name: 'x' } }), 'offender.iin'],
      [fineBody({ offender: { category: 'small_business', name: 'x' } }), 'offender.bin'],
      [fineBody({ district: '' }), 'district'],
      [fineBody({ surprise: true }), 'surprise'],
      [fineBody({ committedAt: '2019-06-01T12:00:00+06:00' }), 'committedAt'],
    ];
    for (const [body, field] of cases) {
      const response = await call('POST', '/fines', 'official', body);
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.field).toBe(field);
    }
    const { id } = await issue();
    const badAmount = await call('POST', `/fines/${id}/payments`, 'official', { amountTiyn: 10.5 });
    expect(badAmount.body.field).toBe('amountTiyn');
    const badDecision = await call('POST', `/fines/${id}/decide-appeal`, 'official', { decision: 'maybe' });
    expect(badDecision.body.field).toBe('decision');
  });

  it('answers 401 without a token and 403 for a role that may not act', async () => {
    const { id } = await issue();
    expect((await call('POST', '/fines', undefined, fineBody())).status).toBe(401);
    for (const role of ['inspector', 'citizen', 'auditor', 'contractor', 'moderator'] as Role[]) {
      expect({ role, status: (await call('POST', '/fines', role, fineBody())).status }).toEqual({ role, status: 403 });
      expect({ role, status: (await call('POST', `/fines/${id}/payments`, role, { amountTiyn: 1 })).status }).toEqual({
        role,
        status: 403,
      });
    }
    expect((await call('POST', `/fines/${id}/appeal`, 'citizen', { reason: 'x' })).status).toBe(403);
    expect((await call('POST', `/fines/${id}/decide-appeal`, 'auditor', { decision: 'upheld' })).status).toBe(403);
    expect((await call('GET', '/fines', 'inspector')).status).toBe(403);
    expect((await call('GET', `/fines/${id}/history`, 'inspector')).status).toBe(403);
    expect((await call('GET', `/fines/${id}`, 'citizen')).status).toBe(403);
    expect((await call('POST', '/ops/overdue-sweep', 'official', {})).status).toBe(403);
  });

  it('answers 404 for an unknown fine', async () => {
    const unknown = randomUUID();
    for (const response of [
      await call('GET', `/fines/${unknown}`, 'official'),
      await call('GET', `/fines/${unknown}/history`, 'auditor'),
      await call('GET', `/fines/${unknown}?asOf=1`, 'auditor'),
      await call('POST', `/fines/${unknown}/payments`, 'official', { amountTiyn: 1 }),
      await call('POST', `/fines/${unknown}/appeal`, 'official', { reason: 'x' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: 'not_found', resource: 'Fine' });
    }
  });

  it('answers 409 on a stale If-Match and on an illegal step', async () => {
    const { id } = await issue();
    const stale = await call('POST', `/fines/${id}/appeal`, 'official', { reason: 'x' }, { 'if-match': '"3"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'version_conflict', expectedVersion: 3, actualVersion: 1 });
    const early = await call('POST', `/fines/${id}/decide-appeal`, 'official', { decision: 'upheld' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: 'illegal_transition', status: 'issued' });
  });

  it("shows the offender's IIN and BIN only to officials and auditors", async () => {
    const { id } = await issue();
    // Only an official reads the offender in clear (from fines' personal-data record, never from an event).
    const official = await call('GET', `/fines/${id}`, 'official');
    expect(official.body.offender).toMatchObject({
      heldBy: 'fines',
      subjectId: id,
      inClear: true,
      fields: { name: 'Aibek Driver', iin: IIN, plate: '123ABC08' },
    });
    // An auditor sees the IIN's keyed digest (to match), not the person; inspectors and moderators neither.
    const auditor = await call('GET', `/fines/${id}`, 'auditor');
    expect(auditor.body).toMatchObject({
      offenderIinHmacSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      offender: { inClear: false },
    });
    expect(JSON.stringify(auditor.body)).not.toMatch(new RegExp(`${IIN}|Aibek|123ABC08`));
    for (const role of ['inspector', 'moderator'] as Role[]) {
      const seen = await call('GET', `/fines/${id}`, role);
      expect(seen.status).toBe(200);
      expect(seen.body).not.toHaveProperty('offenderIinHmacSha256');
      expect(seen.body).not.toHaveProperty('offenderBin');
      expect(JSON.stringify(seen.body)).not.toMatch(new RegExp(`${IIN}|Aibek|123ABC08`));
    }
  });

  it("erases an offender's personal data on an official's request, as an event, with the fine's chain intact", async () => {
    const { id } = await issue();
    const erase = (subject: string, role: Role, body: unknown = { reason: 'Court order 2-345/2026 of 1 December' }) =>
      call('POST', `/ops/personal-data/${subject}/erase`, role, body);
    expect((await erase(id, 'auditor')).status).toBe(403);
    const noReason = await erase(id, 'official', {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    expect((await erase('not-a-uuid', 'official')).status).toBe(400);
    expect((await erase(randomUUID(), 'official')).status).toBe(404);

    const erased = await erase(id, 'official');
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({
      subjectId: id,
      purpose: 'fine-offender',
      erasedFields: ['iin', 'name', 'plate'],
    });
    const again = await erase(id, 'official');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'personal_data_already_erased', erasedAt: erased.body.erasedAt });

    const fine = await call('GET', `/fines/${id}`, 'official');
    expect(fine.body).toMatchObject({ status: 'issued', offender: { fields: {}, erasedAt: erased.body.erasedAt } });
    expect(JSON.stringify(fine.body)).not.toMatch(new RegExp(`${IIN}|Aibek|123ABC08`));
    // The fine's log never held the person: its chain verifies, and so does the erasure's own stream.
    for (const streamId of [id, `personal-data-${id}`]) {
      const verified = await call('GET', `/audit/verify?streamId=${streamId}`, 'auditor');
      expect({ streamId, ok: verified.body.ok, events: verified.body.eventsChecked }).toEqual({
        streamId,
        ok: true,
        events: 1,
      });
    }
    const recorded = await call('GET', `/audit/streams/personal-data-${id}/history`, 'auditor');
    expect(recorded.body.events).toEqual([
      expect.objectContaining({
        type: 'PersonalDataErased',
        metadata: expect.objectContaining({ actorRole: 'official' }),
        data: expect.objectContaining({ subjectId: id, reason: 'Court order 2-345/2026 of 1 December' }),
      }),
    ]);
    // Every event of the service: no IIN, name or plate anywhere in the log.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const log = await admin.query(`SELECT payload::text || metadata::text AS p FROM fines.events`);
      expect(log.rows.length).toBeGreaterThan(1);
      expect(log.rows.filter((r: { p: string }) => new RegExp(`${IIN}|Aibek|123ABC08`).test(r.p))).toEqual([]);
    } finally {
      await admin.end();
    }
  });

  it('lists fines by status, offence type, offender category, raid and year', async () => {
    const otherRaid = randomUUID();
    const mine = await issue({ raidId: otherRaid, offenceType: 'other', committedAt: '2025-05-05T10:00:00+05:00' });
    const list = await call(
      'GET',
      `/fines?raidId=${otherRaid}&status=issued&offenceType=other&offenderCategory=individual&year=2025`,
      'auditor',
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: mine.id, amountTiyn: 5 * 393_200, year: 2025 });
    expect((await call('GET', `/fines?raidId=${otherRaid}&year=2026`, 'official')).body.total).toBe(0);
    expect((await call('GET', '/fines?status=lost', 'official')).body.field).toBe('status');
  });

  it('marks an unpaid fine overdue after its due date and sends it to enforcement after the grace', async () => {
    const { id, dueDate } = await issue();
    const sweep = (asOf: Date) => call('POST', '/ops/overdue-sweep', 'operator', { asOf: asOf.toISOString() });
    const first = await sweep(new Date(Date.now() + 10 * DAY_MS));
    expect(first.body.overdue).not.toContain(id);
    const overdue = await sweep(new Date(`${addCalendarDays(dueDate, 1)}T12:00:00+05:00`));
    expect(overdue.status).toBe(200);
    expect(overdue.body.overdue).toContain(id);
    expect(overdue.body.sentToEnforcement).not.toContain(id);
    expect((await call('GET', `/fines/${id}`, 'official')).body.status).toBe('overdue');
    const enforced = await sweep(new Date(`${addCalendarDays(dueDate, 31)}T12:00:00+05:00`));
    expect(enforced.body.sentToEnforcement).toContain(id);
    const fine = await call('GET', `/fines/${id}`, 'official');
    expect(fine.body).toMatchObject({ status: 'enforcement', balanceTiyn: 20 * 432_500 });
    const history = await call('GET', `/fines/${id}/history`, 'auditor');
    expect(eventTypes(history)).toEqual(['FineIssued', 'FineOverdue', 'FineSentToEnforcement']);
  });

  it('publishes statistics without a token: totals and groups by offence type, category, year and month, no offender in them', async () => {
    const stats = await call('GET', '/fines/stats');
    expect(stats.status).toBe(200);
    // The same figures worked out here from the officials' register, page by page.
    const fines: any[] = [];
    for (let page = 1; ; page++) {
      const list = await call('GET', `/fines?page=${page}&limit=200`, 'official');
      fines.push(...list.body.items);
      if (fines.length >= list.body.total) break;
    }
    const open = (f: any) => f.status !== 'paid' && f.status !== 'cancelled';
    expect(stats.body.totals).toEqual({
      fines: fines.length,
      cancelled: fines.filter((f) => f.status === 'cancelled').length,
      imposedTiyn: fines.filter((f) => f.status !== 'cancelled').reduce((n, f) => n + f.amountTiyn, 0),
      collectedTiyn: fines.reduce((n, f) => n + f.paidTiyn, 0),
      outstandingTiyn: fines.filter(open).reduce((n, f) => n + f.amountTiyn - f.paidTiyn, 0),
    });
    expect(stats.body.totals.fines).toBeGreaterThan(5);
    expect(stats.body.totals.collectedTiyn).toBeGreaterThan(0);
    const month = (f: any) =>
      Number(new Date(new Date(f.committedAt).getTime() + 5 * 3600_000).toISOString().slice(5, 7));
    const key = (g: any) => `${g.offenceType}|${g.offenderCategory}|${g.year}|${g.month}`;
    const counts = new Map<string, number>();
    for (const f of fines)
      counts.set(key({ ...f, month: month(f) }), (counts.get(key({ ...f, month: month(f) })) ?? 0) + 1);
    expect(new Map(stats.body.groups.map((g: any) => [key(g), g.fines]))).toEqual(counts);
    expect(JSON.stringify(stats.body)).not.toMatch(
      new RegExp(`${IIN}|Aibek|123ABC08|offender(Name|Iin|Bin)|vehiclePlate`),
    );
  });

  it('does not start with a bad offence catalogue, naming the variable and the entry', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fines-catalogue-')), 'catalogue.json');
    const entry = (offenceType: string, largeBusiness: unknown) => ({
      offenceType,
      legalReference: 'CAO RK',
      mciMultiples: {
        individual: 1,
        official: 1,
        small_business: 1,
        medium_business: 1,
        large_business: largeBusiness,
      },
    });
    writeFileSync(
      file,
      JSON.stringify({
        offenceTypes: [entry('road_surface_damage', 5), entry('vehicle_overload', -1), entry('other', 1)],
      }),
    );
    const broken = await startServiceProcess(
      'fines',
      serviceEnv(db.url, 'fines-bad-catalogue', { OFFENCE_CATALOGUE_FILE: file }),
      { waitForListening: false },
    );
    const result = await broken.exited;
    expect(result.code).not.toBe(0);
    expect(broken.output()).toMatch(
      /OFFENCE_CATALOGUE_FILE: offence type vehicle_overload .*mciMultiples\.large_business/,
    );
  });
});
