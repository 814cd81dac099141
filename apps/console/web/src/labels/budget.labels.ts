import type { Translate } from '../i18n/translate';

/** What a programme is for, as budgets records it (its list's filter too); each language names it. */
export const PURPOSES = ['road_maintenance', 'road_construction', 'public_transport', 'fine_revenue', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const purposeChoices = (t: Translate) => PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }));

/** Spent as a share of the allocation, one decimal; none for an empty allocation. */
export const executionPercent = (spentTiyn: number, allocationTiyn: number): number | null =>
  allocationTiyn > 0 ? Math.round((spentTiyn / allocationTiyn) * 1000) / 10 : null;
