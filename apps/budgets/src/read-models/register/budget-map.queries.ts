import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { executionPercent, percentOf } from './money';

interface InstitutionFigures {
  bin: string;
  name: string;
  district: string;
  kind: string;
  disclosed: boolean;
  programmes: number;
  allocatedTiyn: number;
  spentTiyn: number;
  executionPercent: number | null;
  revenueTiyn: number;
  flaggedProgrammes: number;
}

type Sums = Pick<
  InstitutionFigures,
  'programmes' | 'allocatedTiyn' | 'spentTiyn' | 'revenueTiyn' | 'flaggedProgrammes'
>;

function summed(rows: InstitutionFigures[]) {
  const sums: Sums = { programmes: 0, allocatedTiyn: 0, spentTiyn: 0, revenueTiyn: 0, flaggedProgrammes: 0 };
  for (const r of rows) for (const key of Object.keys(sums) as (keyof Sums)[]) sums[key] += r[key];
  const disclosed = rows.filter((r) => r.disclosed);
  return {
    institutionCount: rows.length,
    disclosedInstitutions: disclosed.length,
    disclosureCoveragePercent: percentOf(disclosed.length, rows.length),
    ...sums,
    executionPercent: executionPercent(sums.spentTiyn, sums.allocatedTiyn),
    /** The volume of the budgets of institutions that fully disclosed the year. */
    disclosedBudgetTiyn: disclosed.reduce((total, r) => total + r.allocatedTiyn, 0),
  };
}

/**
 * The budget map of a fiscal year: per institution, per district and in total. One grouped query over the programme
 * register (whose sums the inline projection keeps current), then a pass in memory; thousands of institutions stay cheap.
 */
@Injectable()
export class BudgetMapQueries {
  constructor(private readonly dataSource: DataSource) {}

  async map(fiscalYear: number) {
    const rows: Record<string, string | number | boolean>[] = await this.dataSource.query(
      `WITH p AS (
         SELECT institution_bin,
                count(*)::int AS programmes,
                coalesce(sum(allocation_tiyn) FILTER (WHERE direction = 'expenditure'), 0) AS allocated,
                coalesce(sum(spent_tiyn), 0) AS spent,
                coalesce(sum(revenue_tiyn), 0) AS revenue,
                count(*) FILTER (WHERE cardinality(open_flags) > 0)::int AS flagged
           FROM programmes WHERE fiscal_year = $1 GROUP BY institution_bin)
       SELECT i.bin, i.name, i.district, i.kind, $1 = ANY(i.disclosed_years) AS disclosed, coalesce(p.programmes, 0) AS programmes,
              coalesce(p.allocated, 0)::text AS allocated, coalesce(p.spent, 0)::text AS spent, coalesce(p.revenue, 0)::text AS revenue,
              coalesce(p.flagged, 0) AS flagged
         FROM institutions i LEFT JOIN p ON p.institution_bin = i.bin
        ORDER BY i.district, i.name, i.bin`,
      [fiscalYear],
    );
    const byDistrict = new Map<string, InstitutionFigures[]>();
    for (const r of rows) {
      const figures: InstitutionFigures = {
        bin: r.bin as string,
        name: r.name as string,
        district: r.district as string,
        kind: r.kind as string,
        disclosed: r.disclosed as boolean,
        programmes: r.programmes as number,
        allocatedTiyn: Number(r.allocated),
        spentTiyn: Number(r.spent),
        executionPercent: executionPercent(Number(r.spent), Number(r.allocated)),
        revenueTiyn: Number(r.revenue),
        flaggedProgrammes: r.flagged as number,
      };
      const list = byDistrict.get(figures.district) ?? [];
      list.push(figures);
      byDistrict.set(figures.district, list);
    }
    const districts = [...byDistrict.entries()].map(([district, institutions]) => ({
      district,
      ...summed(institutions),
      institutions,
    }));
    return {
      fiscalYear,
      totals: { districts: districts.length, ...summed([...byDistrict.values()].flat()) },
      districts,
    };
  }
}
