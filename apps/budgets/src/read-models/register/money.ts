/** part / whole as a percentage with two decimals; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 10_000) / whole) / 100;
}

/** Execution in percent with two decimals, from integers; null when nothing was allocated. */
export function executionPercent(spentTiyn: number, allocatedTiyn: number): number | null {
  return percentOf(spentTiyn, allocatedTiyn);
}
