export const OFFENDER_CATEGORIES = [
  'individual',
  'official',
  'small_business',
  'medium_business',
  'large_business',
] as const;
export type OffenderCategory = (typeof OFFENDER_CATEGORIES)[number];

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

export interface Offender {
  category: OffenderCategory;
  name: string;
  /** In clear only when an official typed it in; a raid's offence carries only the sha256. */
  iin: string | null;
  iinSha256: string | null;
  bin: string | null;
  vehiclePlate: string | null;
}

/** Days the full amount is due after issue (or after the appeal decision), and working days of the 50% discount. */
export const FULL_PAYMENT_DAYS = 30;
export const DISCOUNT_WORKING_DAYS = 7;
export const DEFAULT_ENFORCEMENT_GRACE_DAYS = 30;
