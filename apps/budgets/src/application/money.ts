/** bigint tiyn columns come back from pg as text; money stays an integer in JSON, never a float. */
export function withMoney<T extends Record<string, unknown>>(row: T): T {
  for (const key of Object.keys(row)) {
    if (key.endsWith('Tiyn') && row[key] !== null && row[key] !== undefined) (row as Record<string, unknown>)[key] = Number(row[key]);
  }
  return row;
}

/** Execution in percent with two decimals, from integers; null when nothing was allocated. */
/** part / whole as a percentage with two decimals; null when there is no whole. */
export function percentOf(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.round((part * 10_000) / whole) / 100;
}

export function executionPercent(spentTiyn: number, allocatedTiyn: number): number | null {
  return percentOf(spentTiyn, allocatedTiyn);
}

/** Integer tiyn as tenge with two decimals, without passing through a float. */
export function tenge(tiyn: number): string {
  const sign = tiyn < 0 ? '-' : '';
  const abs = Math.abs(tiyn);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
