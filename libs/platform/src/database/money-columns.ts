/** The most tiyn an amount may be: money is an integer, and JS numbers are exact up to 2^53 - 1 (the bigint columns hold more). */
export const MAX_TIYN = Number.MAX_SAFE_INTEGER;

/**
 * Money is integer tiyn; bigint columns come back from pg as text. Every `...Tiyn` field of a row becomes a number
 * again, so JSON carries an integer, never a string or a float.
 */
export function withMoney<T extends Record<string, unknown>>(row: T): T {
  for (const key of Object.keys(row)) {
    if (key.endsWith('Tiyn') && row[key] !== null && row[key] !== undefined)
      (row as Record<string, unknown>)[key] = Number(row[key]);
  }
  return row;
}
