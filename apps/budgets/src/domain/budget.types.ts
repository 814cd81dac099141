export const INSTITUTION_KINDS = ['akimat', 'department', 'utility', 'other'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** What a programme pays for; `fine_revenue` is a revenue line: it receives fines paid in its district. */
export const PROGRAMME_PURPOSES = [
  'road_maintenance',
  'road_construction',
  'public_transport',
  'fine_revenue',
  'other',
] as const;
export type ProgrammePurpose = (typeof PROGRAMME_PURPOSES)[number];

export type Direction = 'expenditure' | 'revenue';
export const directionOf = (purpose: ProgrammePurpose): Direction =>
  purpose === 'fine_revenue' ? 'revenue' : 'expenditure';

export const FLAG_OUTCOMES = ['confirmed', 'dismissed', 'corrected'] as const;
export type FlagOutcome = (typeof FLAG_OUTCOMES)[number];

export interface RoadSegment {
  roadName: string;
  fromKm: number;
  toKm: number;
}
