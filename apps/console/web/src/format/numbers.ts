import type { Language } from './dates';

/** A no-break space: a number never wraps between its groups. */
const NBSP = '\u00a0';

/**
 * How each language writes a number: Kazakh and Russian group by a space and use a decimal comma, English (en-GB)
 * a comma and a point. Written out here rather than left to Intl, as sums are: Chromium's trimmed ICU data has no
 * Kazakh number symbols and writes "1,234.50" in kk, so the same page would read differently from browser to browser.
 */
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  kk: { group: NBSP, decimal: ',' },
  ru: { group: NBSP, decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/**
 * A number with its groups and at most `maxDecimals` decimals (trailing zeros dropped down to `minDecimals`):
 * 1234.5 → "1 234,5" (kk, ru), "1,234.5" (en); with 2 and 2, 1.5 → "1,50".
 */
export function formatNumber(value: number, language: Language, minDecimals = 0, maxDecimals = 2): string {
  const { group, decimal } = SEPARATORS[language];
  const fixed = Math.abs(value).toFixed(maxDecimals);
  const [whole, decimals = ''] = fixed.split('.');
  const fraction = decimals.replace(/0+$/, '').padEnd(minDecimals, '0');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, group)}${fraction ? `${decimal}${fraction}` : ''}`;
}
