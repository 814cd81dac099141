import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CSV_BOM, csvRow } from '@app/platform';

export interface ExportLine {
  fiscal_year: number;
  administrative_classification: string;
  administrative_name: string;
  functional_classification: string;
  functional_name: string;
  programme_id: string;
  direction: 'expenditure' | 'revenue';
  phase: 'approved' | 'adjusted' | 'executed';
  /** Integer tiyn, in the CSV as in the data package (whose measure declares factor 0.01 to tenge). */
  amount_tiyn: number;
  currency: 'KZT';
}

const FIELDS: Array<{ name: keyof ExportLine; type: string; description: string }> = [
  { name: 'fiscal_year', type: 'year', description: 'Fiscal year' },
  { name: 'administrative_classification', type: 'string', description: 'BIN of the institution' },
  { name: 'administrative_name', type: 'string', description: 'Name of the institution' },
  { name: 'functional_classification', type: 'string', description: 'Budget programme code' },
  { name: 'functional_name', type: 'string', description: 'Budget programme name' },
  { name: 'programme_id', type: 'string', description: 'Programme id in the register' },
  { name: 'direction', type: 'string', description: 'expenditure or revenue' },
  { name: 'phase', type: 'string', description: 'approved, adjusted or executed' },
  { name: 'amount_tiyn', type: 'integer', description: 'Amount in tiyn (1/100 KZT)' },
  { name: 'currency', type: 'string', description: 'ISO 4217 currency' },
];

/**
 * The register of a fiscal year in the shape of the Fiscal Data Package: administrative classification = institution,
 * functional = programme code; per programme the approved, adjusted and executed amounts.
 */
@Injectable()
export class RegisterExportQueries {
  constructor(private readonly dataSource: DataSource) {}

  async lines(fiscalYear: number): Promise<ExportLine[]> {
    const rows = await this.dataSource.query(
      `SELECT p.programme_id, p.fiscal_year, p.institution_bin, i.name AS institution_name, p.code, p.name, p.direction,
              p.approved_tiyn::text AS approved, p.allocation_tiyn::text AS adjusted,
              (CASE WHEN p.direction = 'revenue' THEN p.revenue_tiyn ELSE p.spent_tiyn END)::text AS executed
         FROM programmes p JOIN institutions i ON i.bin = p.institution_bin
        WHERE p.fiscal_year = $1 ORDER BY p.institution_bin, p.code, p.programme_id`,
      [fiscalYear],
    );
    return rows.flatMap((r: Record<string, string>) =>
      (['approved', 'adjusted', 'executed'] as const).map((phase) => ({
        fiscal_year: Number(r.fiscal_year),
        administrative_classification: r.institution_bin,
        administrative_name: r.institution_name,
        functional_classification: r.code,
        functional_name: r.name,
        programme_id: r.programme_id,
        direction: r.direction as ExportLine['direction'],
        phase,
        amount_tiyn: Number(r[phase]),
        currency: 'KZT' as const,
      })),
    );
  }

  /**
   * The same lines as the data package, its field names as the header: opens in a spreadsheet as UTF-8, with text
   * that would start a formula (an institution named "=HYPERLINK(...)") shown as text.
   */
  async csv(fiscalYear: number): Promise<string> {
    const lines = await this.lines(fiscalYear);
    return (
      CSV_BOM + csvRow(FIELDS.map((f) => f.name)) + lines.map((l) => csvRow(FIELDS.map((f) => l[f.name]))).join('')
    );
  }

  async dataPackage(fiscalYear: number) {
    const data = await this.lines(fiscalYear);
    return {
      profile: 'fiscal-data-package',
      name: `integrity-square-budget-register-${fiscalYear}`,
      title: `Open budget register, fiscal year ${fiscalYear}`,
      resources: [
        {
          name: 'budget-register',
          profile: 'tabular-data-resource',
          schema: { fields: FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description })) },
          data,
        },
      ],
      model: {
        measures: { amount: { source: 'amount_tiyn', currency: 'KZT', factor: 0.01 } },
        dimensions: {
          administrative_classification: {
            dimensionType: 'classification',
            classificationType: 'administrative',
            primaryKey: 'code',
            attributes: {
              code: { source: 'administrative_classification' },
              label: { source: 'administrative_name', labelfor: 'code' },
            },
          },
          functional_classification: {
            dimensionType: 'classification',
            classificationType: 'functional',
            primaryKey: 'code',
            attributes: {
              code: { source: 'functional_classification' },
              label: { source: 'functional_name', labelfor: 'code' },
            },
          },
          direction: {
            dimensionType: 'fact',
            primaryKey: 'direction',
            attributes: { direction: { source: 'direction' } },
          },
          phase: { dimensionType: 'fact', primaryKey: 'phase', attributes: { phase: { source: 'phase' } } },
          date: { dimensionType: 'datetime', primaryKey: 'year', attributes: { year: { source: 'fiscal_year' } } },
        },
      },
    };
  }
}
