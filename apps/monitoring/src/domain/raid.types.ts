import type { OFFENDER_CATEGORIES_V1 } from '@app/contracts';

export type RaidStatus = 'none' | 'planned' | 'conducted' | 'closed';

/** Offender categories as the fines catalogue prices them. */
export { OFFENDER_CATEGORIES_V1 as OFFENDER_CATEGORIES } from '@app/contracts';
export type OffenderCategory = (typeof OFFENDER_CATEGORIES_V1)[number];
