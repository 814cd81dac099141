/**
 * The OpenAPI examples of POST /reports, one per kind: each carries the part its kind requires and not the other
 * (test/integration/openapi.int-spec.ts files each and expects it accepted).
 */
export const SUBMIT_REPORT_EXAMPLES = {
  road_defect: {
    summary: 'A pothole a citizen found',
    value: {
      kind: 'road_defect',
      description: 'Deep pothole in the right lane',
      road: {
        location: { lat: 42.9, lon: 71.37 },
        district: 'Taraz',
        address: 'Tole bi avenue 12',
        defectType: 'pothole',
      },
    },
  },
  budget_execution: {
    summary: 'A doubt about a programme the budget published',
    value: {
      kind: 'budget_execution',
      description: 'The school roof was paid for but never repaired',
      budget: {
        institutionBin: '123456789012',
        programmeCode: '001',
        fiscalYear: 2020,
        doubt: 'Paid in March, no work seen by May',
        amountInQuestionTiyn: 1500000000,
      },
    },
  },
};
