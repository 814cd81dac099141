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

/**
 * Where to put each district's marker on a map: a rough centre of its settled part (the district seat), not its
 * outline. The demo places its defects around the same points (scripts/demo.ts).
 */
export const DISTRICT_CENTRES: Record<(typeof DISTRICTS)[number], { lat: number; lon: number }> = {
  Taraz: { lat: 42.9, lon: 71.37 },
  Baizak: { lat: 42.98, lon: 71.45 },
  Zhambyl: { lat: 42.98, lon: 71.07 },
  Zhualy: { lat: 42.61, lon: 70.76 },
  Kordai: { lat: 43.04, lon: 74.71 },
  Merki: { lat: 42.87, lon: 73.18 },
  Moiynkum: { lat: 44.28, lon: 72.95 },
  Sarysu: { lat: 43.57, lon: 69.74 },
  Talas: { lat: 43.18, lon: 70.46 },
  Shu: { lat: 43.6, lon: 73.76 },
  'T. Ryskulov': { lat: 42.92, lon: 72.72 },
};

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
