/** A no-break space: a sum never wraps between its groups or before its currency sign. */
const NBSP = '\u00a0';

/**
 * Integer tiyn as tenge, exact to the tiyn: 123456 → "1 234,56 ₸" (groups of three split by a no-break space, a
 * decimal comma, as Kazakh and Russian write sums). Computed on the integer, never through a float.
 */
export function formatTiyn(tiyn: number | bigint): string {
  const value = BigInt(tiyn);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  return `${negative ? '-' : ''}${whole},${digits.slice(-2)}${NBSP}₸`;
}

/**
 * What someone typed as tenge, in integer tiyn: "60 000", "1 234,56", "1234.5" → 6000000, 123456, 123450. Spaces
 * (no-break ones too) may group the digits; a comma or a point starts at most two decimals. Anything else (a sign,
 * letters, three decimals) is null: the form says so rather than guess.
 */
export function parseTenge(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/₸$/, '');
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  const tiyn = BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
  return tiyn <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(tiyn) : null;
}
