import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { almatyDayStart } from '@app/domain-kernel';
import { ListFilter, listPage, withMoney, type ListPage, type Page } from '@app/platform';
import type { FineStatus, OffenderCategory } from '../../domain/fine.types';
import { fineAmountTiyn, mciPeriods } from '../../domain/mci';

/** What an official can do about one fine, with the commands fines already has (nothing is rewritten). */
export type MciCorrectionStep =
  /** POST /fines/{id}/appeal, then POST /fines/{id}/decide-appeal { decision: "reduced", newAmountTiyn: amountDueTiyn }. */
  | 'appeal-then-reduce'
  /** Appealed already: POST /fines/{id}/decide-appeal { decision: "reduced", newAmountTiyn: amountDueTiyn }. */
  | 'reduce'
  /** Its amount is already the amount due. */
  | 'corrected'
  /** Cancelled: nothing is owed. */
  | 'not-needed'
  /** Paid, overdue, sent to enforcement, appealed and decided once already, or due more than it was issued at. */
  | 'no-ordinary-command';

export interface MciCorrection {
  fineId: string;
  status: Exclude<FineStatus, 'none'>;
  committedAt: Date;
  offenceType: string;
  offenderCategory: OffenderCategory;
  mciMultiples: number;
  mciUsedTiyn: number;
  mciUsedEffectiveFrom: string;
  mciDueTiyn: number;
  mciDueEffectiveFrom: string;
  /** multiples × the MCI used: what the fine was issued at. */
  amountUsedTiyn: number;
  /** multiples × the MCI for penalties in force on the offence date. */
  amountDueTiyn: number;
  /** The fine's amount now (an appeal decision may have changed it). */
  currentAmountTiyn: number;
  paidTiyn: number;
  correction: MciCorrectionStep;
}

const MCI_CORRECTIONS_DESCRIPTION =
  'Fines issued at an MCI other than the one for penalties in force on their offence date (for all of 2022 that is the ' +
  'MCI of 1 January, 3,063 tenge: the 3,180 of mid-2022 served pensions and benefits). Nothing is rewritten: an official ' +
  'corrects a fine with the ordinary appeal commands, POST /fines/{id}/appeal and then POST /fines/{id}/decide-appeal ' +
  'with decision "reduced" and newAmountTiyn = amountDueTiyn (correction "appeal-then-reduce", or "reduce" once ' +
  'appealed). An appeal ends the 50% discount and a fine is appealed once only; a paid, overdue or enforced fine has no ' +
  'ordinary command here (correction "no-ordinary-command": a refund or a correction at enforcement is outside fines).';

/**
 * The penalties series as instants: each value from the first instant of its Asia/Almaty date (the same formatter
 * mciOn reads offence dates with) to the next one's. Literals from the code's own table, checked here, never from input.
 */
function penaltiesPeriodsSql(): string {
  const rows = mciPeriods('penalties').map((p) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(p.effectiveFrom) || !Number.isSafeInteger(p.tiyn))
      throw new Error(`MCI table row ${p.effectiveFrom} is malformed`);
    const starts = almatyDayStart(p.effectiveFrom).toISOString();
    const ends = p.until ? `'${almatyDayStart(p.until).toISOString()}'::timestamptz` : 'NULL::timestamptz';
    return `('${p.effectiveFrom}'::text, '${starts}'::timestamptz, ${ends}, ${p.tiyn}::bigint)`;
  });
  return `(VALUES ${rows.join(', ')}) AS due(effective_from, starts_at, ends_at, mci_tiyn)`;
}

const COLUMNS = `f.fine_id AS "fineId", f.status, f.committed_at AS "committedAt", f.offence_type AS "offenceType",
  f.offender_category AS "offenderCategory", f.mci_multiples::float8 AS "mciMultiples", f.mci_tiyn::text AS "mciUsedTiyn",
  f.mci_effective_from AS "mciUsedEffectiveFrom", due.mci_tiyn::text AS "mciDueTiyn", due.effective_from AS "mciDueEffectiveFrom",
  f.amount_tiyn::text AS "currentAmountTiyn", f.paid_tiyn::text AS "paidTiyn", f.appealed_at IS NOT NULL AS appealed`;

function correctionOf(row: Omit<MciCorrection, 'correction'> & { appealed: boolean }): MciCorrectionStep {
  if (row.status === 'cancelled') return 'not-needed';
  if (row.currentAmountTiyn === row.amountDueTiyn) return 'corrected';
  // decide-appeal "reduced" only lowers an amount, to more than what is already paid.
  if (row.amountDueTiyn > row.currentAmountTiyn || row.amountDueTiyn <= row.paidTiyn) return 'no-ordinary-command';
  if (row.status === 'issued' && !row.appealed) return 'appeal-then-reduce';
  if (row.status === 'appealed') return 'reduce';
  return 'no-ordinary-command';
}

/** The ops report of fines to correct: the register against the MCI table's penalties series (fines, read only). */
@Injectable()
export class MciCorrections {
  private readonly table = `fine_board f JOIN ${penaltiesPeriodsSql()}
    ON f.committed_at >= due.starts_at AND (due.ends_at IS NULL OR f.committed_at < due.ends_at)`;

  constructor(private readonly dataSource: DataSource) {}

  async list(page: Page): Promise<ListPage<MciCorrection> & { purpose: 'penalties'; description: string }> {
    const result = await listPage<MciCorrection>(
      this.dataSource,
      {
        table: this.table,
        columns: COLUMNS,
        filter: new ListFilter().always('f.mci_tiyn <> due.mci_tiyn'),
        orderBy: 'f.committed_at, f.fine_id',
        page,
      },
      (raw) => {
        const { appealed, ...row } = withMoney(raw) as unknown as Omit<MciCorrection, 'correction'> & {
          appealed: boolean;
        };
        const amounts = {
          amountUsedTiyn: fineAmountTiyn(row.mciMultiples, row.mciUsedTiyn),
          amountDueTiyn: fineAmountTiyn(row.mciMultiples, row.mciDueTiyn),
        };
        const full = { ...row, ...amounts };
        return { ...full, correction: correctionOf({ ...full, appealed }) };
      },
    );
    return { purpose: 'penalties', description: MCI_CORRECTIONS_DESCRIPTION, ...result };
  }
}
