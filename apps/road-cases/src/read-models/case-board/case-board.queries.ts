import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TableReads } from '@app/event-store';
import { ListFilter, withMoney } from '@app/platform';
import type { DefectType } from '@app/contracts';
import type { GeoPoint } from '../../domain/road-case.types';
import {
  CASES_AWAITING_DUE_DATE,
  caseBoardColumns,
  OPEN_CASES,
  PUBLIC_CASE_COLUMNS,
  type CaseRow,
  type PublicCaseRow,
} from './case-board.columns';

/** A report joins an open case of its defect type at most this far away (else it opens a case of its own). */
const LINK_DISTANCE_METRES = 50;

const cases = new TableReads<CaseRow>('case_board', 'case_id', caseBoardColumns.select(), withMoney);

export interface CaseListFilter {
  status?: string;
  district?: string;
  contractorBin?: string;
  overdue?: boolean;
  defectType?: string;
  page: number;
  limit: number;
}

/** Cases in all and by district: how many, how many overdue, the median days from opening to acceptance. */
interface CaseCounts {
  cases: number;
  overdue: number;
  medianDaysToAcceptance: number | null;
}

export interface CaseStats extends CaseCounts {
  byStatus: { status: CaseRow['status']; cases: number }[];
  byDistrict: (CaseCounts & { district: string })[];
}

/** A contractor's record on the board; the rates are null until a repair was accepted. */
export interface ContractorQuality {
  contractorBin: string;
  casesAssigned: number;
  underWarranty: number;
  repairsAccepted: number;
  reworks: number;
  acceptedOnTime: number;
  medianDaysToRepair: number | null;
  reworkRate: number | null;
  onTimeRate: number | null;
}

/** Reads of the case board: lists, stats, contractor quality, and the open case a new report should join. */
@Injectable()
export class CaseQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: CaseListFilter) {
    // An empty text filter means no filter (?district=), as an absent one does.
    const where = new ListFilter()
      .add('status = ?', filter.status || undefined)
      .add('district = ?', filter.district || undefined)
      .add('contractor_bin = ?', filter.contractorBin || undefined)
      .add('overdue = ?', filter.overdue)
      .add('defect_type = ?', filter.defectType || undefined);
    return cases.page(this.dataSource, where, 'opened_at DESC, case_id', filter);
  }

  async one(caseId: string): Promise<CaseRow | undefined> {
    return cases.one(this.dataSource, caseId);
  }

  /** What anyone may see of a case: no report ids, no contractor identity, no costs. */
  async publicStatus(caseId: string): Promise<PublicCaseRow | undefined> {
    const rows = await this.dataSource.query(
      `SELECT ${caseBoardColumns.select(PUBLIC_CASE_COLUMNS)} FROM case_board WHERE case_id = $1`,
      [caseId],
    );
    return rows[0];
  }

  async stats(): Promise<CaseStats> {
    const [byStatus, byDistrict, [totals]] = await Promise.all([
      this.dataSource.query(`SELECT status, count(*)::int AS cases FROM case_board GROUP BY status ORDER BY status`),
      this.dataSource.query(
        `SELECT district, count(*)::int AS cases, count(*) FILTER (WHERE overdue)::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - opened_at) / 86400)
                FILTER (WHERE accepted_at IS NOT NULL) AS "medianDaysToAcceptance"
         FROM case_board GROUP BY district ORDER BY district`,
      ),
      this.dataSource.query(
        `SELECT count(*)::int AS cases, count(*) FILTER (WHERE overdue)::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - opened_at) / 86400)
                FILTER (WHERE accepted_at IS NOT NULL) AS "medianDaysToAcceptance"
         FROM case_board`,
      ),
    ]);
    return { ...totals, byStatus, byDistrict };
  }

  async contractorQuality(bin: string): Promise<ContractorQuality> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE assignment > 0)::int AS "casesAssigned",
              count(*) FILTER (WHERE under_warranty)::int AS "underWarranty",
              count(*) FILTER (WHERE accepted_at IS NOT NULL)::int AS "repairsAccepted",
              coalesce(sum(reworks), 0)::int AS reworks,
              count(*) FILTER (WHERE accepted_on_time)::int AS "acceptedOnTime",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - assigned_at) / 86400)
                FILTER (WHERE accepted_at IS NOT NULL) AS "medianDaysToRepair"
         FROM case_board WHERE contractor_bin = $1`,
      [bin],
    );
    const accepted = row.repairsAccepted as number;
    return {
      contractorBin: bin,
      ...row,
      reworkRate: accepted ? row.reworks / accepted : null,
      onTimeRate: accepted ? row.acceptedOnTime / accepted : null,
    };
  }

  /**
   * The open case a new report of this defect type joins: the nearest within LINK_DISTANCE_METRES (haversine on the
   * board's coordinates), read in the caller's transaction.
   */
  async openCaseToJoin(
    defectType: DefectType,
    location: GeoPoint,
    manager?: EntityManager,
  ): Promise<string | undefined> {
    const rows = await (manager ?? this.dataSource).query(
      `SELECT case_id FROM (
         SELECT case_id, opened_at, 2 * 6371000 * asin(sqrt(
                  power(sin(radians(lat - $2) / 2), 2) + cos(radians($2)) * cos(radians(lat)) * power(sin(radians(lon - $3) / 2), 2)
                )) AS distance
           FROM case_board WHERE defect_type = $1 AND ${OPEN_CASES}
       ) c WHERE distance <= $4 ORDER BY distance, opened_at LIMIT 1`,
      [defectType, location.lat, location.lon, LINK_DISTANCE_METRES],
    );
    return rows[0]?.case_id;
  }

  async overdueCandidates(now: Date): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT case_id FROM case_board WHERE ${CASES_AWAITING_DUE_DATE} AND due_at < $1 ORDER BY due_at LIMIT 1000`,
      [now],
    );
    return rows.map((r: { case_id: string }) => r.case_id);
  }
}
