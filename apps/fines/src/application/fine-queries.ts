import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListFilter, listPage, withMoney } from '@app/platform';
import type { AppealDecision, FineStatus, OffenderCategory } from '../domain/fine.types';

export interface FineListFilter {
  status?: string;
  offenceType?: string;
  offenderCategory?: string;
  raidId?: string;
  year?: number;
  page: number;
  limit: number;
}

const FINE_COLUMNS = `fine_id AS id, version, status, offence_id AS "offenceId", offence_type AS "offenceType", legal_reference AS "legalReference",
  offender_category AS "offenderCategory", offender_iin_hmac_sha256 AS "offenderIinHmacSha256", offender_iin_key_id AS "offenderIinKeyId",
  offender_bin AS "offenderBin", offender_data_held_by AS "offenderDataHeldBy", offender_data_subject_id AS "offenderDataSubjectId", committed_at AS "committedAt",
  year, place, district, raid_id AS "raidId", case_id AS "caseId", mci_multiples::float8 AS "mciMultiples", mci_tiyn::text AS "mciTiyn",
  mci_effective_from AS "mciEffectiveFrom", amount_tiyn::text AS "amountTiyn", discount_amount_tiyn::text AS "discountAmountTiyn",
  discount_deadline AS "discountDeadline", due_date AS "dueDate", issued_at AS "issuedAt", paid_tiyn::text AS "paidTiyn",
  paid_at AS "paidAt", discount_applied AS "discountApplied", appealed_at AS "appealedAt", appeal_decision AS "appealDecision",
  overdue_at AS "overdueAt", enforcement_at AS "enforcementAt", calendar_unverified AS "calendarUnverified"`;

/** A row of the fines register as FINE_COLUMNS selects it, with money as integer tiyn and the balance `money` adds. */
export interface FineRow {
  id: string;
  version: number;
  status: Exclude<FineStatus, 'none'>;
  offenceId: string | null;
  offenceType: string;
  legalReference: string;
  offenderCategory: OffenderCategory;
  offenderIinHmacSha256: string | null;
  offenderIinKeyId: string | null;
  offenderBin: string | null;
  offenderDataHeldBy: 'fines' | 'monitoring';
  offenderDataSubjectId: string;
  committedAt: Date;
  year: number;
  place: string;
  district: string;
  raidId: string | null;
  caseId: string | null;
  mciMultiples: number;
  mciTiyn: number;
  mciEffectiveFrom: string;
  amountTiyn: number;
  discountAmountTiyn: number;
  discountDeadline: string;
  dueDate: string | null;
  issuedAt: Date;
  paidTiyn: number;
  paidAt: Date | null;
  discountApplied: boolean;
  appealedAt: Date | null;
  appealDecision: AppealDecision | null;
  overdueAt: Date | null;
  enforcementAt: Date | null;
  /** A deadline falls in a year the working-day calendar is not verified for. */
  calendarUnverified: boolean;
  balanceTiyn: number;
}

/** Reads of the fines register: lists, one fine, and what the overdue sweep should look at. */
@Injectable()
export class FineQueries {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: FineListFilter) {
    // An empty text filter means no filter, as an absent one does.
    const where = new ListFilter()
      .add('status = ?', filter.status || undefined)
      .add('offence_type = ?', filter.offenceType || undefined)
      .add('offender_category = ?', filter.offenderCategory || undefined)
      .add('raid_id = ?', filter.raidId || undefined)
      .add('year = ?', filter.year);
    return listPage<FineRow>(
      this.dataSource,
      { table: 'fine_board', columns: FINE_COLUMNS, filter: where, orderBy: 'issued_at DESC, fine_id', page: filter },
      money,
    );
  }

  async one(fineId: string): Promise<FineRow | undefined> {
    const rows = await this.dataSource.query(`SELECT ${FINE_COLUMNS} FROM fine_board WHERE fine_id = $1`, [fineId]);
    return rows[0] ? money(rows[0]) : undefined;
  }

  /** Issued fines whose due date (an Asia/Almaty date) is before `today`. */
  async overdueCandidates(today: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT fine_id FROM fine_board WHERE status = 'issued' AND due_date < $1 ORDER BY due_date LIMIT 1000`,
      [today],
    );
    return rows.map((r: { fine_id: string }) => r.fine_id);
  }

  /** Overdue fines whose due date is before `lastDueDate` (today less the grace). */
  async enforcementCandidates(lastDueDate: string): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT fine_id FROM fine_board WHERE status = 'overdue' AND due_date < $1 ORDER BY due_date LIMIT 1000`,
      [lastDueDate],
    );
    return rows.map((r: { fine_id: string }) => r.fine_id);
  }
}

/** The money columns as integers (withMoney), and the balance still due. */
function money(row: Record<string, unknown>): FineRow {
  const r = withMoney(row);
  r.balanceTiyn =
    r.status === 'paid' || r.status === 'cancelled' ? 0 : (r.amountTiyn as number) - (r.paidTiyn as number);
  return row as unknown as FineRow;
}
