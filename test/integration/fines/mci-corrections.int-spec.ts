import { randomUUID } from 'node:crypto';
import { almatyYear, kazakhstanCalendar } from '@app/domain-kernel';
import { EventStore } from '@app/event-store';
import type { Role } from '@app/platform';
import { bearer, http } from '@app/testing';
import { spawnedServiceWithSchema } from '../../support/spawned-services';
import { eventTypes } from '../../support/service-calls';
import type { FineIssued } from '../../../apps/fines/src/domain/fine.events';
import { mciKnownFor } from '../../../apps/fines/src/domain/mci';

const MULTIPLES = 20;
const OLD_2022 = 3_180_00; // what the table applied to fines from June 2022 before the purposes were told apart
const PENALTIES_2022 = 3_063_00;

// Fines recorded under the old MCI table, found by the ops report and corrected with the ordinary appeal commands;
// and the working-day calendar's flag on fines, in their answers and in /metrics. A real fines process on real Postgres.
describe('fines: MCI corrections and the unverified calendar', () => {
  const { service, dataSource } = spawnedServiceWithSchema('fines', 'fines_mci', 'fines', {
    env: { FINE_OVERDUE_SWEEP_SECONDS: '0' },
  });
  let store: EventStore;

  const call = (method: string, path: string, role?: Role, body?: unknown, headers: Record<string, string> = {}) =>
    http(method, `${service.url}${path}`, { body, headers: { ...(role ? bearer(role) : {}), ...headers } });

  /** A FineIssued appended straight to the log, as the service recorded it under the table of its day. */
  async function recordIssued(overrides: Partial<FineIssued['data']>): Promise<string> {
    const fineId = randomUUID();
    const mciTiyn = overrides.mciTiyn ?? PENALTIES_2022;
    const amountTiyn = MULTIPLES * mciTiyn;
    const data: FineIssued['data'] = {
      fineId,
      offenceId: null,
      offenceType: 'road_surface_damage',
      legalReference: 'CAO RK art. 1',
      offenderCategory: 'individual',
      offenderIinHmacSha256: 'a'.repeat(64),
      offenderIinKeyId: 'test1',
      offenderBin: null,
      offenderPersonalData: { heldBy: 'fines', subjectId: fineId },
      committedAt: '2022-07-15T06:00:00.000Z',
      place: 'Tole bi 1',
      district: 'Taraz',
      raidId: null,
      caseId: null,
      evidence: ['photo-1'],
      mciMultiples: MULTIPLES,
      mciTiyn,
      mciEffectiveFrom: '2022-01-01',
      amountTiyn,
      discountAmountTiyn: Math.ceil(amountTiyn / 2),
      discountDeadline: '2022-07-27',
      dueDate: '2022-08-17',
      issuedAt: '2022-07-18T06:00:00.000Z',
      ...overrides,
    };
    if (data.calendarUnverified === undefined) delete data.calendarUnverified; // recorded before the flag existed
    await store.appendToStream({
      streamType: 'Fine',
      streamId: fineId,
      expectedVersion: 0,
      metadata: {
        now: new Date(),
        actor: { id: 'official-1', role: 'official' },
        correlationId: fineId,
        requestId: 'r',
      },
      events: [{ type: 'FineIssued', data }],
    });
    return fineId;
  }

  let wrongJuly: string;
  let rightJuly: string;
  let wrongNewYear: string;
  let rightNewYear: string;
  let toCorrect: string;
  let legacy2027: string;
  let flagged: string;
  let pricedBeforeTheLaw: string;

  beforeAll(async () => {
    const { fineBoardProjection } =
      await import('../../../apps/fines/src/read-models/fine-board/fine-board.projection');
    store = new EventStore(dataSource, 'fines', undefined, { inlineProjections: [fineBoardProjection] });

    wrongJuly = await recordIssued({ mciTiyn: OLD_2022, mciEffectiveFrom: '2022-06-01' });
    rightJuly = await recordIssued({ committedAt: '2022-07-20T06:00:00.000Z' });
    // 00:30 on 1 January 2023 in Almaty (UTC+6 then) is 2023 already: 3,450 is due, not 2022's 3,063.
    wrongNewYear = await recordIssued({ committedAt: '2022-12-31T18:30:00.000Z' });
    rightNewYear = await recordIssued({ committedAt: '2022-12-31T17:30:00.000Z' });
    toCorrect = await recordIssued({
      committedAt: '2022-09-01T06:00:00.000Z',
      mciTiyn: OLD_2022,
      mciEffectiveFrom: '2022-06-01',
    });
    // Fines of December 2026, one from before the flag existed, one that carries it.
    const december = {
      committedAt: '2026-12-01T06:00:00.000Z',
      mciTiyn: 4_325_00,
      mciEffectiveFrom: '2026-01-01',
      issuedAt: '2026-12-04T06:00:00.000Z',
    };
    legacy2027 = await recordIssued({ ...december, discountDeadline: '2026-12-15', dueDate: '2027-01-03' });
    flagged = await recordIssued({
      ...december,
      discountDeadline: '2026-12-15',
      dueDate: '2027-01-03',
      calendarUnverified: true,
    });
    // An offence of January 2027 priced while the table ended in 2026 (as the service prices it once 2027 comes).
    pricedBeforeTheLaw = await recordIssued({
      ...december,
      committedAt: '2027-01-05T06:00:00.000Z',
      issuedAt: '2027-01-06T06:00:00.000Z',
      discountDeadline: '2027-01-15',
      dueDate: '2027-02-05',
      // Its deadlines' calendar flag aside (the count of those is asserted below): this fine is about its MCI.
      calendarUnverified: false,
    });
  });

  const report = async (query = '') => {
    const response = await call('GET', `/ops/mci-corrections${query}`, 'auditor');
    expect(response.status).toBe(200);
    return response.body;
  };

  it('lists the fines issued at an MCI other than the penalties series for their offence date, and not the right ones', async () => {
    const body = await report();
    expect(body.purpose).toBe('penalties');
    expect(body.description).toMatch(/decide-appeal/);
    expect(body.description).toMatch(/reduced/);
    const ids = body.items.map((i: { fineId: string }) => i.fineId);
    expect(ids).toEqual([wrongJuly, toCorrect, wrongNewYear]); // oldest offence first
    expect(ids).not.toContain(rightJuly);
    expect(ids).not.toContain(rightNewYear);
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({
      fineId: wrongJuly,
      status: 'issued',
      committedAt: '2022-07-15T06:00:00.000Z',
      mciMultiples: MULTIPLES,
      mciUsedTiyn: OLD_2022,
      mciUsedEffectiveFrom: '2022-06-01',
      mciDueTiyn: PENALTIES_2022,
      mciDueEffectiveFrom: '2022-01-01',
      amountUsedTiyn: MULTIPLES * OLD_2022,
      amountDueTiyn: MULTIPLES * PENALTIES_2022,
      currentAmountTiyn: MULTIPLES * OLD_2022,
      paidTiyn: 0,
      correction: 'appeal-then-reduce',
    });
    expect(body.items[2]).toMatchObject({ fineId: wrongNewYear, mciUsedTiyn: PENALTIES_2022, mciDueTiyn: 3_450_00 });
    // A fine due more than it was issued at cannot be raised by a command here.
    expect(body.items[2].correction).toBe('no-ordinary-command');
  });

  it('pages like the other lists', async () => {
    const first = await report('?limit=2');
    const second = await report('?limit=2&page=2');
    expect([first.items.length, second.items.length, first.total, second.page]).toEqual([2, 1, 3, 2]);
    expect(second.items[0].fineId).toBe(wrongNewYear);
    const bad = await call('GET', '/ops/mci-corrections?limit=0', 'official');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('limit');
  });

  it('is corrected through the ordinary appeal commands, the log untouched', async () => {
    const due = MULTIPLES * PENALTIES_2022;
    expect(
      (await call('POST', `/fines/${toCorrect}/appeal`, 'official', { reason: 'MCI 3,180 applied; 3,063 due' })).status,
    ).toBe(200);
    expect((await report()).items.find((i: { fineId: string }) => i.fineId === toCorrect).correction).toBe('reduce');
    const decided = await call('POST', `/fines/${toCorrect}/decide-appeal`, 'official', {
      decision: 'reduced',
      newAmountTiyn: due,
      reason: 'MCI for penalties of 2022',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'issued', amountTiyn: due });
    const row = (await report()).items.find((i: { fineId: string }) => i.fineId === toCorrect);
    expect(row).toMatchObject({ currentAmountTiyn: due, amountDueTiyn: due, correction: 'corrected' });
    const history = await call('GET', `/fines/${toCorrect}/history`, 'auditor');
    expect(eventTypes(history)).toEqual(['FineIssued', 'FineAppealed', 'AppealDecided']);
    expect(history.body.events[0].data.mciTiyn).toBe(OLD_2022);
  });

  it('is for officials and auditors', async () => {
    expect((await call('GET', '/ops/mci-corrections', 'official')).status).toBe(200);
    expect((await call('GET', '/ops/mci-corrections', 'inspector')).status).toBe(403);
    expect((await call('GET', '/ops/mci-corrections', 'citizen')).status).toBe(403);
    expect((await call('GET', '/ops/mci-corrections')).status).toBe(401);
  });

  it('shows calendarUnverified on a fine whose deadline falls in an unverified year, also one recorded before the flag', async () => {
    const flagOf = async (id: string) => {
      const fine = await call('GET', `/fines/${id}`, 'official');
      expect(fine.status).toBe(200);
      const asOf = await call('GET', `/fines/${id}?asOf=1`, 'official');
      return [fine.body.calendarUnverified, asOf.body.calendarUnverified];
    };
    expect(await flagOf(flagged)).toEqual([true, true]);
    expect(await flagOf(legacy2027)).toEqual([true, true]);
    expect(await flagOf(rightJuly)).toEqual([false, false]);
  });

  it('shows mciUnverified on a fine whose offence falls in a year the MCI table has no value for, and says so at start and in /metrics', async () => {
    const flagOf = async (id: string) => (await call('GET', `/fines/${id}`, 'official')).body.mciUnverified;
    expect(await flagOf(pricedBeforeTheLaw)).toBe(true);
    expect(await flagOf(flagged)).toBe(false); // December 2026: 2026's value is in the table
    expect(await flagOf(rightJuly)).toBe(false);
    const year = almatyYear(new Date());
    const metrics = (await http('GET', `${service.url}/metrics`)).body as string;
    for (const [label, known] of [
      ['current', mciKnownFor(year)],
      ['next', mciKnownFor(year + 1)],
    ] as const)
      expect(metrics).toMatch(new RegExp(`^fines_mci_known\\{year="${label}"[^}]*\\} ${known ? 1 : 0}$`, 'm'));
    for (const y of [year, year + 1])
      expect(service.output().includes(`the MCI for penalties of ${y} is not in the table`)).toBe(!mciKnownFor(y));
  });

  it('counts those fines in /metrics, says whether next year is verified, and warned at start', async () => {
    const metrics = (await http('GET', `${service.url}/metrics`)).body as string;
    expect(metrics).toMatch(/^fines_calendar_unverified\{[^}]*status="issued"[^}]*\} 2$/m);
    const nextYearVerified = kazakhstanCalendar.isVerified(almatyYear(new Date()) + 1);
    expect(metrics).toMatch(
      new RegExp(`^working_day_calendar_next_year_verified(\\{[^}]*\\})? ${nextYearVerified ? 1 : 0}$`, 'm'),
    );
    const warned = /not verified for \d{4}: deadlines counted into it/.test(service.output());
    expect(warned).toBe(!nextYearVerified);
  });

  it('marks, when the column is added to an existing register, the fines recorded before the flag with a deadline after 2026', async () => {
    const { FineBoardCalendar1767400000000 } =
      await import('../../../apps/fines/src/read-models/fine-board/fine-board-calendar.migration');
    await dataSource.query('ALTER TABLE fines.fine_board DROP COLUMN calendar_unverified');
    const runner = dataSource.createQueryRunner();
    try {
      await new FineBoardCalendar1767400000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: Array<{ fine_id: string; calendar_unverified: boolean }> = await dataSource.query(
      'SELECT fine_id, calendar_unverified FROM fines.fine_board WHERE fine_id = ANY($1)',
      [[legacy2027, rightJuly]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.fine_id, r.calendar_unverified]))).toEqual({
      [legacy2027]: true,
      [rightJuly]: false,
    });
  });
});
