import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withMoney } from '@app/platform';

/** One group of the public statistics: counts and tiyn, never a name, an IIN, a BIN or a plate. */
export type FineStatsGroup = {
  offenceType: string;
  offenderCategory: string;
  year: number;
  /** 1–12, the Asia/Almaty month the offence was committed in. */
  month: number;
  fines: number;
  cancelled: number;
  /** What the fines not cancelled amount to now (after appeals). */
  imposedTiyn: number;
  collectedTiyn: number;
  /** Still owed on fines neither paid nor cancelled (their full amount less what was paid). */
  outstandingTiyn: number;
};

// The month is the offence's, in Asia/Almaty as the fines' dates are; statuses as the fine register keeps them.
const GROUPS = `
  SELECT offence_type AS "offenceType", offender_category AS "offenderCategory", year,
         extract(month FROM committed_at AT TIME ZONE 'Asia/Almaty')::int AS month,
         count(*)::int AS fines,
         count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
         coalesce(sum(amount_tiyn) FILTER (WHERE status <> 'cancelled'), 0)::text AS "imposedTiyn",
         coalesce(sum(paid_tiyn), 0)::text AS "collectedTiyn",
         coalesce(sum(amount_tiyn - paid_tiyn) FILTER (WHERE status NOT IN ('paid', 'cancelled')), 0)::text AS "outstandingTiyn"
    FROM fine_board
   GROUP BY 1, 2, 3, 4
   ORDER BY year, month, "offenceType", "offenderCategory"`;

/** The public statistics of fines: totals and groups by offence type, offender category, year and month. */
@Injectable()
export class FineStats {
  constructor(private readonly dataSource: DataSource) {}

  async summary() {
    const groups = ((await this.dataSource.query(GROUPS)) as Record<string, unknown>[]).map(
      (g) => withMoney(g) as unknown as FineStatsGroup,
    );
    const sum = (key: 'fines' | 'cancelled' | 'imposedTiyn' | 'collectedTiyn' | 'outstandingTiyn') =>
      groups.reduce((n, g) => n + g[key], 0);
    return {
      totals: {
        fines: sum('fines'),
        cancelled: sum('cancelled'),
        imposedTiyn: sum('imposedTiyn'),
        collectedTiyn: sum('collectedTiyn'),
        outstandingTiyn: sum('outstandingTiyn'),
      },
      groups,
    };
  }
}
