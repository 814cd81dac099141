import type { Translate } from '../i18n/translate';

export const FINE_STATUSES = ['issued', 'appealed', 'paid', 'cancelled', 'overdue', 'enforcement'] as const;
export const OFFENDER_CATEGORIES = [
  'individual',
  'official',
  'small_business',
  'medium_business',
  'large_business',
] as const;
/** The offence types every catalogue carries (fines' REQUIRED_OFFENCE_TYPES); each language names them. */
export const KNOWN_OFFENCES = ['road_surface_damage', 'vehicle_overload', 'other'] as const;

/**
 * An offence type in the page's language; one a catalogue added beyond the known ones as its catalogue title (or
 * its code), which is the service's English.
 */
export function offenceName(t: Translate, offenceType: string, catalogueTitle?: string): string {
  return (KNOWN_OFFENCES as readonly string[]).includes(offenceType)
    ? t(`offence.${offenceType}`)
    : (catalogueTitle ?? offenceType);
}

export const fineStatusChoices = (t: Translate) =>
  FINE_STATUSES.map((s) => ({ value: s, label: t(`fineStatus.${s}`) }));
export const categoryChoices = (t: Translate) =>
  OFFENDER_CATEGORIES.map((c) => ({ value: c, label: t(`offender.${c}`) }));
