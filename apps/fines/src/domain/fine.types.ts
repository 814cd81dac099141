import type { OFFENDER_CATEGORIES_V1 } from '@app/contracts';

// The categories fines charges by are the ones raids record offenders in (OffenceRecordedV2): one list, in contracts
// (OFFENDER_CATEGORIES_V1).
export type OffenderCategory = (typeof OFFENDER_CATEGORIES_V1)[number];

/** The offence types the catalogue must at least carry (it may add more). */
export const REQUIRED_OFFENCE_TYPES = ['road_surface_damage', 'vehicle_overload', 'other'] as const;

export type FineStatus = 'none' | 'issued' | 'appealed' | 'paid' | 'cancelled' | 'overdue' | 'enforcement';

export const APPEAL_DECISIONS = ['upheld', 'cancelled', 'reduced'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/** One catalogue entry: the fine for an offence type, in MCI multiples per offender category. */
export interface OffenceType {
  offenceType: string;
  legalReference: string;
  title: string;
  mciMultiples: Record<OffenderCategory, number>;
}

/**
 * Whose personal-data record holds the offender's name, IIN and plate, and under which subject id: fines' own for
 * an official's fine (the fine's id), monitoring's for a raid's offence (the offence's id). Never in an event.
 */
export interface OffenderRecordRef {
  heldBy: 'fines' | 'monitoring';
  subjectId: string;
}

/** The offender as the log knows them: category, the IIN's keyed digest, the BIN of a business, where the rest is. */
export interface Offender {
  category: OffenderCategory;
  /** HMAC-SHA256 (hex) of the IIN under the personal-data key iinKeyId names; null without an IIN. */
  iinHmacSha256: string | null;
  iinKeyId: string | null;
  bin: string | null;
  personalData: OffenderRecordRef;
}

/** Days the full amount is due after issue (or after the appeal decision), and working days of the 50% discount. */
export const FULL_PAYMENT_DAYS = 30;
export const DISCOUNT_WORKING_DAYS = 7;
export const DEFAULT_ENFORCEMENT_GRACE_DAYS = 30;
