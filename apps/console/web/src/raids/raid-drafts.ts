import type { draftBinder } from '../components/field.component';
import { OFFENDER_FIELDS } from '../components/offender-fields.component';
import { almatyInputNow } from '../format/dates';

/**
 * What the raid page's forms hold, one text per field. The page keeps them across a reload, so a step refused as
 * stale (409) loses nothing typed; a step done empties only its own form.
 */
export type RaidDrafts = {
  participants: string;
  lat: string;
  lon: string;
  defectDistrict: string;
  address: string;
  defectType: string;
  description: string;
  offenceType: string;
  offenderCategory: string;
  offenderName: string;
  offenderIin: string;
  offenderBin: string;
  vehiclePlate: string;
  place: string;
  committedAt: string;
  evidence: string;
  summary: string;
};
export type RaidDraftErrors = Partial<Record<keyof RaidDrafts, string>>;
export type RaidStep = 'conduct' | 'defect' | 'offence' | 'close';
export type RaidBind = ReturnType<typeof draftBinder<RaidDrafts>>;

/** The fields of each step's form. */
export const STEP_FIELDS: Record<RaidStep, (keyof RaidDrafts)[]> = {
  conduct: ['participants'],
  defect: ['lat', 'lon', 'defectDistrict', 'address', 'defectType', 'description'],
  offence: ['offenceType', ...OFFENDER_FIELDS, 'place', 'committedAt', 'evidence'],
  close: ['summary'],
};

/** Empty forms; an offence is committed now (Almaty's clock) unless the moderator says otherwise. */
export function emptyDrafts(now: Date = new Date()): RaidDrafts {
  const drafts = Object.fromEntries(
    Object.values(STEP_FIELDS)
      .flat()
      .map((field) => [field, '']),
  ) as RaidDrafts;
  return { ...drafts, committedAt: almatyInputNow(now) };
}

/** The drafts with one step's form emptied. */
export function withStepEmptied(drafts: RaidDrafts, step: RaidStep): RaidDrafts {
  const empty = emptyDrafts();
  return { ...drafts, ...Object.fromEntries(STEP_FIELDS[step].map((field) => [field, empty[field]])) };
}
