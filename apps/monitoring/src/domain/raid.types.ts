import type { OFFENDER_CATEGORIES_V1 } from '@app/contracts';

export type RaidStatus = 'none' | 'planned' | 'conducted' | 'closed';

/** Offender categories as the fines catalogue prices them (the contract's list, OFFENDER_CATEGORIES_V1). */
export type OffenderCategory = (typeof OFFENDER_CATEGORIES_V1)[number];
