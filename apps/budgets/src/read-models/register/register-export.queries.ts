import { randomUUID } from 'node:crypto';
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

/** Programmes read per query (three lines each): what an export holds in memory at a time, whatever the year's size. */
export const EXPORT_PAGE = 500;

/** A programme as the export reads it, with its institution's name and the three amounts as text (bigint). */
interface ProgrammeLineRow {
  programme_id: string;
  fiscal_year: number;
  institution_bin: string;
  institution_name: string;
  code: string;
  name: string;
  direction: string;
  approved: string;
  adjusted: string;
  executed: string;
}

/**
 * The register of a fiscal year in the shape of the Fiscal Data Package: administrative classification = institution,
 * functional = programme code; per programme the approved, adjusted and executed amounts. Both forms are produced
 * page by page (keyset pages of programmes, in register order), so a year of any size is streamed, never built whole.
 */
@Injectable()
export class RegisterExportQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The year's lines, a page of programmes at a time, in register order (institution, code, id). */
  async *pages(fiscalYear: number, pageSize = EXPORT_PAGE): AsyncGenerator<ExportLine[]> {
    let after: [string, string, string] | undefined;
    for (;;) {
      const rows: ProgrammeLineRow[] = await this.dataSource.query(
        `SELECT p.programme_id, p.fiscal_year, p.institution_bin, i.name AS institution_name, p.code, p.name, p.direction,
                p.approved_tiyn::text AS approved, p.allocation_tiyn::text AS adjusted,
                (CASE WHEN p.direction = 'revenue' THEN p.revenue_tiyn ELSE p.spent_tiyn END)::text AS executed
           FROM programmes p JOIN institutions i ON i.bin = p.institution_bin
          WHERE p.fiscal_year = $1
            ${after ? 'AND p.institution_bin >= $2 AND (p.institution_bin, p.code, p.programme_id) > ($2, $3, $4)' : ''}
          ORDER BY p.institution_bin, p.code, p.programme_id
          LIMIT ${pageSize}`,
        after ? [fiscalYear, ...after] : [fiscalYear],
      );
      if (rows.length > 0) yield rows.flatMap(linesOf);
      if (rows.length < pageSize) return;
      const last = rows[rows.length - 1];
      after = [last.institution_bin, last.code, last.programme_id];
    }
  }

  /**
   * The same lines as the data package, its field names as the header: opens in a spreadsheet as UTF-8, with text
   * that would start a formula (an institution named "=HYPERLINK(...)") shown as text. The first chunk carries the
   * first page, so the database has answered before any byte is sent.
   */
  async *csv(fiscalYear: number): AsyncGenerator<string> {
    let head = CSV_BOM + csvRow(FIELDS.map((f) => f.name));
    for await (const lines of this.pages(fiscalYear)) {
      yield head + lines.map((l) => csvRow(FIELDS.map((f) => l[f.name]))).join('');
      head = '';
    }
    if (head) yield head;
  }

  /** The data package as JSON text: the descriptor around its data, the lines written a page at a time. */
  async *json(fiscalYear: number): AsyncGenerator<string> {
    // The descriptor is written by JSON.stringify as ever, the lines where a marker stands in for them.
    const marker = `data-${randomUUID()}`;
    const [before, after] = JSON.stringify(dataPackageOf(fiscalYear, marker)).split(JSON.stringify(marker));
    let head = `${before}[`;
    let separator = '';
    for await (const lines of this.pages(fiscalYear)) {
      yield head + separator + lines.map((l) => JSON.stringify(l)).join(',');
      head = '';
      separator = ',';
    }
    yield `${head}]${after}`;
  }
}

function linesOf(r: ProgrammeLineRow): ExportLine[] {
  return (['approved', 'adjusted', 'executed'] as const).map((phase) => ({
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
  }));
}

/** The Fiscal Data Package of a year, its data inline (what GET /exports/{year}.json answers). */
export type RegisterDataPackage = ReturnType<typeof dataPackageOf<ExportLine[]>>;

/** A classification dimension: its code and the label of the code, from the line's two fields of that kind. */
const classification = (kind: string) => ({
  dimensionType: 'classification',
  classificationType: kind,
  primaryKey: 'code',
  attributes: {
    code: { source: `${kind}_classification` },
    label: { source: `${kind}_name`, labelfor: 'code' },
  },
});

function dataPackageOf<D>(fiscalYear: number, data: D) {
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
        administrative_classification: classification('administrative'),
        functional_classification: classification('functional'),
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
