// Kazakhstan's business and individual identification numbers (BIN/IIN), which budgets checks and the demo and
// tests make: a rule of the country, not of one service.
const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * Kazakhstan BIN/IIN check digit: the 12th digit is the weighted sum of the first 11 mod 11; a remainder of 10
 * is retried with the second weights, and a second 10 means no valid number has these 11 digits.
 */
export function isValidBin(bin: string): boolean {
  return /^\d{12}$/.test(bin) && binCheckDigit(bin.slice(0, 11)) === Number(bin[11]);
}

/** The check digit of a BIN/IIN's first 11 digits, or null when no valid number starts with them. */
export function binCheckDigit(head: string): number | null {
  const digits = [...head].map(Number);
  const check = (weights: number[]) => weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
  let control = check(FIRST_WEIGHTS);
  if (control === 10) control = check(SECOND_WEIGHTS);
  return control === 10 ? null : control;
}
