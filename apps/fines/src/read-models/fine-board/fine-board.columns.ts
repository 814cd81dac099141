import { ReadModelColumns } from '@app/event-store';
import type { AppealDecision, FineStatus, OffenderCategory } from '../../domain/fine.types';

/** The fines register's columns: its DDL, its writes' casts and its queries' SELECT lists all come from here. */
export const fineBoardColumns = new ReadModelColumns({
  fine_id: { type: 'text', constraint: 'PRIMARY KEY', as: 'id' },
  version: { type: 'integer', constraint: 'NOT NULL' },
  status: { type: 'text', constraint: 'NOT NULL' },
  offence_id: { type: 'text', constraint: 'UNIQUE' },
  offence_type: { type: 'text', constraint: 'NOT NULL' },
  legal_reference: { type: 'text', constraint: 'NOT NULL' },
  offender_category: { type: 'text', constraint: 'NOT NULL' },
  offender_iin_hmac_sha256: { type: 'text' },
  offender_iin_key_id: { type: 'text' },
  offender_bin: { type: 'text' },
  offender_data_held_by: { type: 'text', constraint: 'NOT NULL' },
  offender_data_subject_id: { type: 'text', constraint: 'NOT NULL' },
  committed_at: { type: 'timestamptz', constraint: 'NOT NULL' },
  year: { type: 'integer', constraint: 'NOT NULL' },
  place: { type: 'text', constraint: 'NOT NULL' },
  district: { type: 'text', constraint: 'NOT NULL' },
  raid_id: { type: 'text' },
  case_id: { type: 'text' },
  mci_multiples: { type: 'numeric', constraint: 'NOT NULL' },
  mci_tiyn: { type: 'bigint', constraint: 'NOT NULL' },
  mci_effective_from: { type: 'text', constraint: 'NOT NULL' },
  amount_tiyn: { type: 'bigint', constraint: 'NOT NULL' },
  discount_amount_tiyn: { type: 'bigint', constraint: 'NOT NULL' },
  discount_deadline: { type: 'text', constraint: 'NOT NULL' },
  due_date: { type: 'text' },
  issued_at: { type: 'timestamptz', constraint: 'NOT NULL' },
  paid_tiyn: { type: 'bigint', constraint: 'NOT NULL DEFAULT 0' },
  // The row's balanceTiyn is computed (fineRow): this column holds the last payment's balance only.
  balance_tiyn: { type: 'bigint', internal: true },
  paid_at: { type: 'timestamptz' },
  discount_applied: { type: 'boolean', constraint: 'NOT NULL DEFAULT false' },
  appealed_at: { type: 'timestamptz' },
  appeal_decision: { type: 'text' },
  overdue_at: { type: 'timestamptz' },
  enforcement_at: { type: 'timestamptz' },
  calendar_unverified: { type: 'boolean', constraint: 'NOT NULL DEFAULT false' },
});

/** A row of the fines register as fineBoardColumns.select() reads it, with money as integer tiyn and the balance due. */
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
