import { almatyDate } from '@app/domain-kernel';

/** The monthly calculation index (MCI, tenge) by the date it took effect; amounts use the one in force on the offence date. */
export const MCI_TABLE: ReadonlyArray<{ effectiveFrom: string; tenge: number }> = [
  { effectiveFrom: '2020-01-01', tenge: 2_651 },
  { effectiveFrom: '2020-04-01', tenge: 2_778 },
  { effectiveFrom: '2021-01-01', tenge: 2_917 },
  { effectiveFrom: '2022-01-01', tenge: 3_063 },
  { effectiveFrom: '2022-06-01', tenge: 3_180 },
  { effectiveFrom: '2023-01-01', tenge: 3_450 },
  { effectiveFrom: '2024-01-01', tenge: 3_692 },
  { effectiveFrom: '2025-01-01', tenge: 3_932 },
  { effectiveFrom: '2026-01-01', tenge: 4_325 },
];

export interface MciInForce {
  effectiveFrom: string;
  tenge: number;
  tiyn: number;
}

/** The MCI in force on the Asia/Almaty calendar date of `at`; undefined before the table starts. */
export function mciOn(at: Date): MciInForce | undefined {
  const day = almatyDate(at);
  let found: MciInForce | undefined;
  for (const row of MCI_TABLE) if (row.effectiveFrom <= day) found = { ...row, tiyn: row.tenge * 100 };
  return found;
}

/** multiples × MCI, in whole tiyn (a fractional multiple rounds to the tiyn). */
export function fineAmountTiyn(multiples: number, mciTiyn: number): number {
  return Math.round(multiples * mciTiyn);
}
