import {
  addCalendarDays,
  almatyDate,
  decideByType,
  evolveByType,
  statusGuard,
  pick,
  type Decider,
} from '@app/domain-kernel';
import type { FineCommand, IssueFine } from './fine.commands';
import {
  AlreadyAppealedError,
  BadReducedAmountError,
  IllegalFineTransitionError,
  NoMciOnDateError,
  OffenceInFutureError,
  OffenderIdentityRequiredError,
  OverpaymentError,
  PaidInFutureError,
} from './fine.errors';
import type { FineEvent } from './fine.events';
import { initialFineState, type FineState } from './fine.state';
import { DISCOUNT_WORKING_DAYS, FULL_PAYMENT_DAYS } from './fine.types';
import { issuedOnUnverifiedCalendar } from './fine-calendar';
import { fineAmountTiyn, mciOn } from './mci';

const requireStatus = statusGuard(IllegalFineTransitionError);

/** An official's fine names its offender: an IIN for a person, a BIN for a business (a raid's is as monitoring has it). */
function requireOffenderIdentity(c: IssueFine): void {
  if (c.data.offenceId !== null) return;
  const { offender } = c.data;
  const person = offender.category === 'individual' || offender.category === 'official';
  if (person && !offender.iinHmacSha256) throw new OffenderIdentityRequiredError('offender.iin', offender.category);
  if (!person && !offender.bin) throw new OffenderIdentityRequiredError('offender.bin', offender.category);
}

/** What is due on an Asia/Almaty day: the discounted half while the discount holds (never after an appeal), else the full amount. */
export function amountDueTiyn(s: FineState, day: string): { dueTiyn: number; discount: boolean } {
  const discount = !s.appealed && s.status === 'issued' && s.discountDeadline !== null && day <= s.discountDeadline;
  return { dueTiyn: (discount ? s.discountAmountTiyn : s.amountTiyn) - s.paidTiyn, discount };
}

const decide = decideByType<FineState, FineCommand, FineEvent>({
  /**
   * Amount = the category's MCI multiples × the MCI for penalties in force on the offence date. The 50% discount runs
   * to the 7th working day after the notice; the full amount is due 30 days after it. Either falling in a year the
   * working-day calendar is not verified for marks the fine calendarUnverified. An offence already fined is not fined again.
   */
  IssueFine(c, s) {
    if (s.status !== 'none' && c.data.offenceId !== null && s.offenceId === c.data.offenceId) return [];
    requireOffenderIdentity(c);
    requireStatus(c, s, 'none');
    const now = c.metadata.now;
    const committed = new Date(c.data.committedAt);
    if (committed > now) throw new OffenceInFutureError(c.data.committedAt);
    const mci = mciOn(committed, 'penalties');
    if (!mci) throw new NoMciOnDateError(c.data.committedAt);
    const multiples = c.data.offence.mciMultiples[c.data.offender.category];
    const amountTiyn = fineAmountTiyn(multiples, mci.tiyn);
    const noticeDay = almatyDate(now);
    const discount = c.data.calendar.addWorkingDays(noticeDay, DISCOUNT_WORKING_DAYS);
    const due = c.data.calendar.addCalendarDays(noticeDay, FULL_PAYMENT_DAYS);
    const { offender } = c.data;
    return [
      {
        type: 'FineIssued',
        data: {
          fineId: c.data.fineId,
          offenceId: c.data.offenceId,
          offenceType: c.data.offence.offenceType,
          legalReference: c.data.offence.legalReference,
          offenderCategory: offender.category,
          offenderIinHmacSha256: offender.iinHmacSha256,
          offenderIinKeyId: offender.iinKeyId,
          offenderBin: offender.bin,
          offenderPersonalData: offender.personalData,
          committedAt: committed.toISOString(),
          place: c.data.place,
          district: c.data.district,
          raidId: c.data.raidId,
          caseId: c.data.caseId,
          evidence: c.data.evidence,
          mciMultiples: multiples,
          mciTiyn: mci.tiyn,
          mciEffectiveFrom: mci.effectiveFrom,
          amountTiyn,
          discountAmountTiyn: Math.ceil(amountTiyn / 2),
          discountDeadline: discount.day,
          dueDate: due.day,
          issuedAt: now.toISOString(),
          calendarUnverified: discount.calendarUnverified || due.calendarUnverified,
        },
      },
    ];
  },

  /**
   * A payment is made at the command's time, which may not be after the channel reported it. Part payments reduce the
   * balance (a payment id already booked changes nothing); a payment above it is refused naming the amount due; a
   * balance of 0 closes the fine.
   */
  RecordPayment(c, s) {
    if (c.metadata.now > new Date(c.data.reportedAt)) throw new PaidInFutureError(c.data.paidAt ?? c.data.reportedAt);
    if (s.paymentIds.includes(c.data.paymentId)) return []; // the payment channel retried a payment already booked
    requireStatus(c, s, 'issued', 'overdue');
    const { dueTiyn, discount } = amountDueTiyn(s, almatyDate(c.metadata.now));
    if (c.data.amountTiyn > dueTiyn) throw new OverpaymentError(c.data.amountTiyn, dueTiyn);
    const balanceTiyn = dueTiyn - c.data.amountTiyn;
    return [
      {
        type: 'FinePaid',
        data: {
          fineId: s.fineId,
          paymentId: c.data.paymentId,
          amountTiyn: c.data.amountTiyn,
          district: s.district,
          paidAt: c.metadata.now.toISOString(),
          balanceTiyn,
          discountApplied: discount && balanceTiyn === 0,
        },
      },
    ];
  },

  FileAppeal(c, s) {
    requireStatus(c, s, 'issued');
    if (s.appealed) throw new AlreadyAppealedError();
    return [{ type: 'FineAppealed', data: { reason: c.data.reason, appealedAt: c.metadata.now.toISOString() } }];
  },

  /** Upheld: issued again, full amount due 30 days after the decision; reduced: the same with the new amount; cancelled: closed. */
  DecideAppeal(c, s) {
    requireStatus(c, s, 'appealed');
    const now = c.metadata.now;
    let amountTiyn = s.amountTiyn;
    if (c.data.decision === 'reduced') {
      const reduced = c.data.newAmountTiyn;
      if (reduced === undefined || !Number.isSafeInteger(reduced))
        throw new BadReducedAmountError('newAmountTiyn (whole tiyn) is required to reduce a fine');
      if (reduced >= s.amountTiyn)
        throw new BadReducedAmountError(`newAmountTiyn must be less than the fine's ${s.amountTiyn} tiyn`);
      if (reduced <= s.paidTiyn)
        throw new BadReducedAmountError(`newAmountTiyn must be more than the ${s.paidTiyn} tiyn already paid`);
      amountTiyn = reduced;
    }
    const dueDate = c.data.decision === 'cancelled' ? null : addCalendarDays(almatyDate(now), FULL_PAYMENT_DAYS);
    return [
      {
        type: 'AppealDecided',
        data: { decision: c.data.decision, reason: c.data.reason, amountTiyn, dueDate, decidedAt: now.toISOString() },
      },
    ];
  },

  /** An issued fine unpaid after its due date is overdue; otherwise nothing happens. */
  MarkOverdue(c, s) {
    if (s.status !== 'issued' || !s.dueDate || almatyDate(c.metadata.now) <= s.dueDate) return [];
    return [{ type: 'FineOverdue', data: { dueDate: s.dueDate, balanceTiyn: s.amountTiyn - s.paidTiyn } }];
  },

  /** An overdue fine still unpaid once the grace after its due date has passed goes to enforcement. */
  SendToEnforcement(c, s) {
    if (
      s.status !== 'overdue' ||
      !s.dueDate ||
      almatyDate(c.metadata.now) <= addCalendarDays(s.dueDate, c.data.graceDays)
    )
      return [];
    return [
      {
        type: 'FineSentToEnforcement',
        data: {
          dueDate: s.dueDate,
          balanceTiyn: s.amountTiyn - s.paidTiyn,
          graceDays: c.data.graceDays,
          sentAt: c.metadata.now.toISOString(),
        },
      },
    ];
  },
});

const evolve = evolveByType<FineState, FineEvent>({
  FineIssued: (state, d) => ({
    ...state,
    status: 'issued',
    ...pick(d, 'fineId', 'offenceId', 'offenderCategory', 'district'),
    ...pick(d, 'amountTiyn', 'discountAmountTiyn', 'discountDeadline', 'dueDate'),
    calendarUnverified: issuedOnUnverifiedCalendar(d),
  }),
  FinePaid: (state, d) => ({
    ...state,
    paidTiyn: state.paidTiyn + d.amountTiyn,
    status: d.balanceTiyn === 0 ? 'paid' : state.status,
    discountApplied: d.discountApplied,
    paymentIds: [...state.paymentIds, d.paymentId],
  }),
  FineAppealed: (state) => ({ ...state, status: 'appealed', appealed: true }),
  AppealDecided: (state, d) => {
    if (d.decision === 'cancelled') return { ...state, status: 'cancelled' };
    return { ...state, status: 'issued', amountTiyn: d.amountTiyn, dueDate: d.dueDate };
  },
  FineOverdue: (state) => ({ ...state, status: 'overdue' }),
  FineSentToEnforcement: (state) => ({ ...state, status: 'enforcement' }),
});

export const fineDecider: Decider<FineState, FineCommand, FineEvent> = {
  initialState: initialFineState,
  decide,
  evolve,
};
