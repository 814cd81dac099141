import type { ServicePaths } from '@app/api-client';

/** The figures the scoreboard counts for each institution and district, each also per report. */
export const FIGURES = ['recommendations', 'answeredOnTime', 'late', 'refused', 'escalated'] as const;
export type Figure = (typeof FIGURES)[number];

/** A row of the public-control scoreboard as GET /reports/stats gives it (per institution; per district alike). */
type StatsRow =
  ServicePaths['monitoring']['/reports/stats']['get']['responses'][200]['content']['application/json']['publicControl']['byInstitution'][number];

/** One row as GET /reports/stats gives it (its counts, as the service states them), with the name the page shows it by. */
export type ScoreboardRow = Pick<StatsRow, 'reports' | Figure | 'perReport'> & { name: string };

/** A column to sort by: the name, the reports, or a figure as counted or per report. */
export interface ScoreboardSort {
  column: 'name' | 'reports' | Figure;
  perReport: boolean;
  descending: boolean;
}

/**
 * Most late answers per report first: what a citizen looks for first is who keeps the club waiting, and per report
 * so an institution that receives many reports is not first only for that.
 */
export const DEFAULT_SORT: ScoreboardSort = { column: 'late', perReport: true, descending: true };

const valueOf = (row: ScoreboardRow, sort: ScoreboardSort): number | string => {
  if (sort.column === 'name') return row.name;
  if (sort.column === 'reports') return row.reports;
  return sort.perReport ? row.perReport[sort.column] : row[sort.column];
};

const compare = (a: number | string, b: number | string, locale: string) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), locale);

/**
 * The rows in the order asked; equal ones by the default order, then by name, so the order never depends on how
 * the service happened to list them.
 */
export function sortRows<T extends ScoreboardRow>(rows: readonly T[], sort: ScoreboardSort, locale: string): T[] {
  const order = (a: T, b: T, by: ScoreboardSort) =>
    compare(valueOf(a, by), valueOf(b, by), locale) * (by.descending ? -1 : 1);
  return [...rows].sort(
    (a, b) =>
      order(a, b, sort) ||
      order(a, b, DEFAULT_SORT) ||
      order(a, b, { column: 'name', perReport: false, descending: false }),
  );
}

/** A click on a column: the same one again turns the order round; another starts with the most (names: A first). */
export function nextSort(
  current: ScoreboardSort,
  column: ScoreboardSort['column'],
  perReport: boolean,
): ScoreboardSort {
  if (current.column === column && current.perReport === perReport)
    return { ...current, descending: !current.descending };
  return { column, perReport, descending: column !== 'name' };
}

/** Whether a column is the one sorted by (the name and the reports are never per report). */
export const isSortedBy = (sort: ScoreboardSort, column: ScoreboardSort['column'], perReport: boolean) =>
  sort.column === column && sort.perReport === perReport;
