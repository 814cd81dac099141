import type { HttpResult } from '@app/testing';

/** What /reports/stats counts of an institution's recommendations, in total and per report. */
export interface ControlCounts {
  recommendations: number;
  answeredOnTime: number;
  late: number;
  refused: number;
  escalated: number;
}

/** The row of the public-control scoreboard of /reports/stats for the institution `bin` (undefined: none). */
export const institutionRow = (stats: HttpResult, bin: string) =>
  stats.body.publicControl.byInstitution.find((r: { institutionBin: string }) => r.institutionBin === bin);

/** The row the scoreboard must show for `reports` reports with these counts: each count, and each divided by them. */
export const expectedInstitutionRow = (institutionBin: string, reports: number, counts: ControlCounts) => ({
  institutionBin,
  reports,
  ...counts,
  perReport: Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, count / reports])),
});
