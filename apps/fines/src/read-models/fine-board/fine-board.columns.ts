import { ReadModelColumns } from '@app/event-store';
import type { AppealDecision, FineStatus, OffenderCategory } from '../../domain/fine.types';

/** The fines register's columns: its DDL, its writes' casts and its queries' SELECT lists all come from here. */
export const fineBoardColumns = new ReadModelColumns({
  fine_id: 'text PRIMARY KEY AS id',
  version: 'integer NOT NULL',
  status: 'text NOT NULL',
  offence_id: 'text UNIQUE',
  offence_type: 'text NOT NULL',
  legal_reference: 'text NOT NULL',
  offender_category: 'text NOT NULL',
  offender_iin_hmac_sha256: 'text',
  offender_iin_key_id: 'text',
  offender_bin: 'text',
  offender_data_held_by: 'text NOT NULL',
  offender_data_subject_id: 'text NOT NULL',
  committed_at: 'timestamptz NOT NULL',
  year: 'integer NOT NULL',
  place: 'text NOT NULL',
  district: 'text NOT NULL',
  raid_id: 'text',
  case_id: 'text',
  mci_multiples: 'numeric NOT NULL',
  mci_tiyn: 'bigint NOT NULL',
  mci_effective_from: 'text NOT NULL',
  amount_tiyn: 'bigint NOT NULL',
  discount_amount_tiyn: 'bigint NOT NULL',
  discount_deadline: 'text NOT NULL',
  due_date: 'text',
  issued_at: 'timestamptz NOT NULL',
  paid_tiyn: 'bigint NOT NULL DEFAULT 0',
  // The row's balanceTiyn is computed (fineRow): this column holds the last payment's balance only.
  balance_tiyn: { type: 'bigint', internal: true },
  paid_at: 'timestamptz',
  discount_applied: 'boolean NOT NULL DEFAULT false',
  appealed_at: 'timestamptz',
  appeal_decision: 'text',
  overdue_at: 'timestamptz',
  enforcement_at: 'timestamptz',
  calendar_unverified: 'boolean NOT NULL DEFAULT false',
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
