import type { Translate } from './i18n/translate';

/**
 * Taraz and the districts of the Zhambyl region, as the records name them (the value stored and filtered on, one
 * spelling whatever the reader's language); each language shows its own name.
 */
export const DISTRICTS = [
  'Taraz',
  'Baizak',
  'Zhambyl',
  'Zhualy',
  'Kordai',
  'Merki',
  'Moiynkum',
  'Sarysu',
  'Talas',
  'Shu',
  'T. Ryskulov',
] as const;

const KEYS: Record<string, string> = Object.fromEntries(
  DISTRICTS.map((d) => [d, `district.${d.replace(/[^A-Za-z]/g, '')}`]),
);

/** A district's name in the page's language; one the list does not know (older records) as recorded. */
export function districtName(t: Translate, district: string | null | undefined): string {
  if (!district) return '—';
  const key = KEYS[district];
  return key ? t(key) : district;
}

export const DEFECT_TYPES = ['pothole', 'crack', 'rutting', 'edge_break', 'missing_marking', 'other'] as const;
export type DefectType = (typeof DEFECT_TYPES)[number];

/** The districts and the defect kinds as a list's choices, each named in the page's language. */
export const districtChoices = (t: Translate) => DISTRICTS.map((d) => ({ value: d, label: districtName(t, d) }));
export const defectChoices = (t: Translate) => DEFECT_TYPES.map((d) => ({ value: d, label: t(`defect.${d}`) }));
