/**
 * The header of the budget map's CSV export, in its order: the columns of the data package's schema. Spelt out here
 * rather than read from the exporter, so a test does not check the export against itself.
 */
export const BUDGET_MAP_CSV_COLUMNS = [
  'fiscal_year',
  'administrative_classification',
  'administrative_name',
  'functional_classification',
  'functional_name',
  'programme_id',
  'direction',
  'phase',
  'amount_tiyn',
  'currency',
];
