import type { Translate } from '../i18n/translate';

/** What a programme is for, as budgets records it (its list's filter too); each language names it. */
export const PURPOSES = ['road_maintenance', 'road_construction', 'public_transport', 'fine_revenue', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const purposeChoices = (t: Translate) => PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }));

/** Spent as a share of the allocation, one decimal; none for an empty allocation. */
export const executionPercent = (spentTiyn: number, allocationTiyn: number): number | null =>
  allocationTiyn > 0 ? Math.round((spentTiyn / allocationTiyn) * 1000) / 10 : null;

/** A fiscal year as the budgets service takes one (2000 to 2100), typed as four digits. */
export const isFiscalYear = (text: string) => /^\d{4}$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100;
/** What is wrong with a year typed in a filter or a lookup, or false when it is a fiscal year. */
export const yearProblem = (t: Translate) => (text: string) => !isFiscalYear(text) && t('programmes.error.year');

/** What kind of body an institution is, as budgets registers it (its list's filter too); each language names it. */
export const INSTITUTION_KINDS = ['akimat', 'department', 'utility', 'other'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

export const institutionKindChoices = (t: Translate) =>
  INSTITUTION_KINDS.map((k) => ({ value: k, label: t(`institutionKind.${k}`) }));

/** A BIN (or IIN): twelve digits, as every service checks it. */
export const isBin = (text: string) => /^\d{12}$/.test(text);
/** What is wrong with a BIN typed in a filter or a lookup, or false when it is one. */
export const binProblem = (t: Translate) => (text: string) => !isBin(text) && t('raid.error.bin');
