import { almatyDate } from '@app/domain-kernel';

/**
 * What an MCI value is applied to. The budget law sets one MCI a year, but a mid-year amendment raises it for some
 * payments only: in 2022 the amended budget law raised it to 3,180 tenge for pensions and benefits, while for
 * penalties, taxes and other payments the MCI of 1 January (3,063) applied all year (Ministry of Finance, May 2022).
 */
export const MCI_PURPOSES = ['penalties', 'benefits'] as const;
export type MciPurpose = (typeof MCI_PURPOSES)[number];

export interface MciValue {
  purpose: MciPurpose;
  /** The Asia/Almaty date it applies from, until the next value of the same purpose. */
  effectiveFrom: string;
  tenge: number;
  /** The law that sets it (and, where it differs by purpose, what says which payments it serves). */
  source: string;
}

const budgetLaw = (years: string) => `Law of the RK "On the republican budget for ${years}"`;

/** The monthly calculation index (tenge) by purpose and the date it took effect. Fines use the penalties series. */
export const MCI_TABLE: ReadonlyArray<MciValue> = [
  { purpose: 'penalties', effectiveFrom: '2020-01-01', tenge: 2_651, source: budgetLaw('2020-2022') },
  {
    purpose: 'penalties',
    effectiveFrom: '2020-04-01',
    tenge: 2_778,
    source: `${budgetLaw('2020-2022')}, as amended in April 2020 (whether penalties followed the April change, as benefits did, is not verified)`,
  },
  { purpose: 'penalties', effectiveFrom: '2021-01-01', tenge: 2_917, source: budgetLaw('2021-2023') },
  {
    purpose: 'penalties',
    effectiveFrom: '2022-01-01',
    tenge: 3_063,
    source: `${budgetLaw('2022-2024')}: the MCI of 1 January 2022 serves penalties, taxes and other payments all year, the mid-year 3,180 does not (Ministry of Finance, May 2022)`,
  },
  { purpose: 'penalties', effectiveFrom: '2023-01-01', tenge: 3_450, source: budgetLaw('2023-2025') },
  { purpose: 'penalties', effectiveFrom: '2024-01-01', tenge: 3_692, source: budgetLaw('2024-2026') },
  { purpose: 'penalties', effectiveFrom: '2025-01-01', tenge: 3_932, source: budgetLaw('2025-2027') },
  { purpose: 'penalties', effectiveFrom: '2026-01-01', tenge: 4_325, source: budgetLaw('2026-2028') },

  { purpose: 'benefits', effectiveFrom: '2020-01-01', tenge: 2_651, source: budgetLaw('2020-2022') },
  {
    purpose: 'benefits',
    effectiveFrom: '2020-04-01',
    tenge: 2_778,
    source: `${budgetLaw('2020-2022')}, as amended in April 2020`,
  },
  { purpose: 'benefits', effectiveFrom: '2021-01-01', tenge: 2_917, source: budgetLaw('2021-2023') },
  { purpose: 'benefits', effectiveFrom: '2022-01-01', tenge: 3_063, source: budgetLaw('2022-2024') },
  {
    purpose: 'benefits',
    effectiveFrom: '2022-06-01',
    tenge: 3_180,
    source: `${budgetLaw('2022-2024')}, as amended in 2022: pensions and benefits (the date of 1 June, rather than 1 April, is not verified)`,
  },
  { purpose: 'benefits', effectiveFrom: '2023-01-01', tenge: 3_450, source: budgetLaw('2023-2025') },
  { purpose: 'benefits', effectiveFrom: '2024-01-01', tenge: 3_692, source: budgetLaw('2024-2026') },
  { purpose: 'benefits', effectiveFrom: '2025-01-01', tenge: 3_932, source: budgetLaw('2025-2027') },
  { purpose: 'benefits', effectiveFrom: '2026-01-01', tenge: 4_325, source: budgetLaw('2026-2028') },
];

/** One purpose's values in date order. */
export function mciSeries(purpose: MciPurpose): MciValue[] {
  return MCI_TABLE.filter((row) => row.purpose === purpose).sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
}

export interface MciInForce {
  effectiveFrom: string;
  tenge: number;
  tiyn: number;
  /**
   * The table has no value for the date's own year, so last year's is applied: the budget law sets the MCI each year,
   * and a year missing from the table is a year nobody entered, not one whose MCI stayed the same.
   */
  unverified: boolean;
}

/**
 * Whether an MCI that took effect on `effectiveFrom` was applied on a date of a later year: the table had no value for
 * that year when the fine was priced (mci-corrections lists it once the year's value is entered).
 */
export function mciUnverified(on: Date | string, effectiveFrom: string): boolean {
  return almatyDate(new Date(on)).slice(0, 4) > effectiveFrom.slice(0, 4);
}

/** The MCI of a purpose in force on the Asia/Almaty calendar date of `at`; undefined before the table starts. */
export function mciOn(at: Date, purpose: MciPurpose = 'penalties'): MciInForce | undefined {
  const day = almatyDate(at);
  let found: MciInForce | undefined;
  for (const row of mciSeries(purpose))
    if (row.effectiveFrom <= day)
      found = { effectiveFrom: row.effectiveFrom, tenge: row.tenge, tiyn: row.tenge * 100, unverified: false };
  return found && { ...found, unverified: mciUnverified(at, found.effectiveFrom) };
}

/** Whether the table holds a value of the purpose for that year (the year's budget law has been entered). */
export function mciKnownFor(year: number, purpose: MciPurpose = 'penalties'): boolean {
  return mciSeries(purpose).some((row) => row.effectiveFrom.startsWith(`${year}-`));
}

/** Each value of a purpose with the date the next one takes over (null for the last): the periods a report joins on. */
export function mciPeriods(purpose: MciPurpose): Array<Omit<MciInForce, 'unverified'> & { until: string | null }> {
  const series = mciSeries(purpose);
  return series.map((row, i) => ({
    effectiveFrom: row.effectiveFrom,
    until: series[i + 1]?.effectiveFrom ?? null,
    tenge: row.tenge,
    tiyn: row.tenge * 100,
  }));
}

/** multiples × MCI, in whole tiyn (a fractional multiple rounds to the tiyn). */
export function fineAmountTiyn(multiples: number, mciTiyn: number): number {
  return Math.round(multiples * mciTiyn);
}
