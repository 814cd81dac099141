import { streamRowProjection } from '@app/event-store';
import type { FineEvent } from '../../domain/fine.events';
import { almatyDate } from '@app/domain-kernel';
import { issuedOnUnverifiedCalendar } from '../../domain/fine-calendar';
import { fineBoardColumns } from './fine-board.columns';

export const FINE_STREAM = 'Fine';

/** Column changes each event makes to its fine's row (a payment's amount is added to what was paid). */
function changes(e: FineEvent, at: string): Record<string, unknown> {
  switch (e.type) {
    case 'FineIssued': {
      const d = e.data;
      return {
        status: 'issued',
        offence_id: d.offenceId,
        offence_type: d.offenceType,
        legal_reference: d.legalReference,
        offender_category: d.offenderCategory,
        offender_iin_hmac_sha256: d.offenderIinHmacSha256,
        offender_iin_key_id: d.offenderIinKeyId,
        offender_bin: d.offenderBin,
        offender_data_held_by: d.offenderPersonalData.heldBy,
        offender_data_subject_id: d.offenderPersonalData.subjectId,
        committed_at: d.committedAt,
        year: Number(almatyDate(new Date(d.committedAt)).slice(0, 4)),
        place: d.place,
        district: d.district,
        raid_id: d.raidId,
        case_id: d.caseId,
        mci_multiples: d.mciMultiples,
        mci_tiyn: d.mciTiyn,
        mci_effective_from: d.mciEffectiveFrom,
        amount_tiyn: d.amountTiyn,
        discount_amount_tiyn: d.discountAmountTiyn,
        discount_deadline: d.discountDeadline,
        due_date: d.dueDate,
        issued_at: d.issuedAt,
        paid_tiyn: 0,
        calendar_unverified: issuedOnUnverifiedCalendar(d),
      };
    }
    case 'FinePaid':
      return {
        paid_increment: e.data.amountTiyn,
        balance_tiyn: e.data.balanceTiyn,
        ...(e.data.balanceTiyn === 0
          ? { status: 'paid', paid_at: e.data.paidAt, discount_applied: e.data.discountApplied }
          : {}),
      };
    case 'FineAppealed':
      return { status: 'appealed', appealed_at: at };
    case 'AppealDecided':
      return {
        status: e.data.decision === 'cancelled' ? 'cancelled' : 'issued',
        appeal_decision: e.data.decision,
        amount_tiyn: e.data.amountTiyn,
        due_date: e.data.dueDate,
      };
    case 'FineOverdue':
      return { status: 'overdue', overdue_at: at };
    case 'FineSentToEnforcement':
      return { status: 'enforcement', enforcement_at: at };
  }
}

/**
 * The fines register: one row per fine with what its list, filters and the overdue sweep need. No personal data:
 * the offender's name, IIN and plate are read from the personal-data record the row points to.
 */
export const fineBoardProjection = streamRowProjection<FineEvent>({
  name: 'fine-board',
  table: 'fine_board',
  streamType: FINE_STREAM,
  columns: fineBoardColumns,
  indexes: ['status, due_date', 'raid_id', 'year, offence_type, offender_category'],
  startedBy: 'FineIssued',
  changes,
  relative: { paid_increment: (p) => `paid_tiyn = paid_tiyn + ${p}::bigint` },
});
