/** A pothole on Tole bi in Taraz: the place the monitoring tests' citizens report and their cases open at. */
export const TOLE_BI_POTHOLE = {
  location: { lat: 42.9, lon: 71.3667 },
  district: 'Taraz',
  address: 'Tole bi 12',
  defectType: 'pothole',
} as const;

/** A citizen's report of that pothole, as POST /reports takes it. */
export const roadReportBody = (description: string, photos: string[] = []) => ({
  kind: 'road_defect',
  description,
  road: { ...TOLE_BI_POTHOLE, photos },
});

/** A pothole an inspector opens a road case for directly, as POST /cases takes it (no citizen's report behind it). */
export const INSPECTOR_POTHOLE_CASE = {
  location: { lat: 42.9, lon: 71.37 },
  district: 'Taraz',
  address: 'Tole bi 1',
  defectType: 'pothole',
  description: 'deep',
};

/**
 * A citizen's doubt that a kerb was paid twice, in the institution's budget programme of the year, as POST /reports
 * takes it; `fields` adds the report's own (description, language) beside the kind.
 */
export const budgetReportBody = (
  institutionBin: string,
  fiscalYear: number,
  { programmeCode = '001', ...fields }: { programmeCode?: string; description?: string; language?: string } = {},
) => ({
  kind: 'budget_execution',
  ...fields,
  budget: { institutionBin, programmeCode, fiscalYear, doubt: 'Kerb paid twice', amountInQuestionTiyn: 12_500_000 },
});
