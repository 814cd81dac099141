export type RaidStatus = 'none' | 'planned' | 'conducted' | 'closed';

/** Offender categories as the fines catalogue prices them (DESIGN.md §5, fines). */
export const OFFENDER_CATEGORIES = ['individual', 'official', 'small_business', 'medium_business', 'large_business'] as const;
export type OffenderCategory = (typeof OFFENDER_CATEGORIES)[number];
