import { fold, kazakhstanCalendar } from '@app/domain-kernel';
import { deciderSpec, specCommands } from '@app/domain-kernel/testing';
import type { DecideAppeal, FineCommand, IssueFine } from './fine.commands';
import { fineDecider } from './fine.decider';
import * as errors from './fine.errors';
import type { FineEvent, FineIssued } from './fine.events';
import { initialFineState } from './fine.state';
import type { OffenceType } from './fine.types';
import { mciSeries } from './mci';

const spec = deciderSpec(fineDecider);

// ---- time: Asia/Almaty is UTC+5 from March 2024 (UTC+6 before); the notice is Wednesday 2026-03-04 --------------------------
/** An instant on an Asia/Almaty calendar day at the given local hour (2026: UTC+5). */
const almaty = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+05:00`);
const ISSUED_NOW = almaty('2026-03-04', 10);
const COMMITTED_AT = '2026-03-02T04:00:00.000Z';
// Thu 5, Fri 6 work; Sat 7, Sun 8 (8 March, a holiday on a Sunday) and Mon 9 (its carried-over day off) do not;
// Tue 10 .. Fri 13 are working days 3-6; the 7th is Monday 16 March.
const DISCOUNT_DEADLINE = '2026-03-16';
const DUE_DATE = '2026-04-03';

const OFFENCE: OffenceType = {
  offenceType: 'road_surface_damage',
  title: 'Road damage',
  legalReference: 'CAO RK road damage',
  mciMultiples: { individual: 20, official: 30, small_business: 50, medium_business: 70, large_business: 200 },
};
const AMOUNT = 20 * 4_325_00; // 8,650,000 tiyn
const HALF = AMOUNT / 2;

/** When, where and on what evidence the offence was committed: as IssueFine gives it, so FineIssued records it. */
const OFFENCE_CIRCUMSTANCES = {
  committedAt: COMMITTED_AT,
  place: 'Tole bi 1',
  district: 'Taraz',
  raidId: 'raid-1',
  caseId: null,
  evidence: ['photo-1'],
};

const OFFICIAL = { id: 'official-1', role: 'official' };
const { command } = specCommands<FineCommand>({ now: ISSUED_NOW, actor: OFFICIAL });

const issueFine = (overrides: Partial<IssueFine['data']> = {}, now = ISSUED_NOW) =>
  command(
    'IssueFine',
    {
      fineId: 'fine-1',
      offenceId: 'offence-1',
      offence: OFFENCE,
      offender: {
        category: 'individual',
        iinHmacSha256: 'a'.repeat(64),
        iinKeyId: 'pd1',
        bin: null,
        personalData: { heldBy: 'monitoring', subjectId: 'offence-1' },
      },
      ...OFFENCE_CIRCUMSTANCES,
      calendar: kazakhstanCalendar,
      ...overrides,
    },
    { now },
  );
const pay = (amountTiyn: number, now: Date, paymentId = `pay-${amountTiyn}`, reportedAt = now.toISOString()) =>
  command('RecordPayment', { paymentId, amountTiyn, reportedAt }, { now });
const appeal = (now = almaty('2026-03-05')) => command('FileAppeal', { reason: 'not me' }, { now });
const decide = (decision: DecideAppeal['data']['decision'], now = almaty('2026-03-20'), newAmountTiyn?: number) =>
  command(
    'DecideAppeal',
    { decision, reason: 'reviewed', ...(newAmountTiyn === undefined ? {} : { newAmountTiyn }) },
    { now },
  );
const markOverdue = (now: Date) => command('MarkOverdue', {}, { now });
const sendToEnforcement = (now: Date, graceDays = 30) => command('SendToEnforcement', { graceDays }, { now });

const fineIssued = (overrides: Partial<FineIssued['data']> = {}): FineEvent => ({
  type: 'FineIssued',
  data: {
    fineId: 'fine-1',
    offenceId: 'offence-1',
    offenceType: 'road_surface_damage',
    legalReference: 'CAO RK road damage',
    offenderCategory: 'individual',
    offenderIinHmacSha256: 'a'.repeat(64),
    offenderIinKeyId: 'pd1',
    offenderBin: null,
    offenderPersonalData: { heldBy: 'monitoring', subjectId: 'offence-1' },
    ...OFFENCE_CIRCUMSTANCES,
    mciMultiples: 20,
    mciTiyn: 4_325_00,
    mciEffectiveFrom: '2026-01-01',
    amountTiyn: AMOUNT,
    discountAmountTiyn: HALF,
    discountDeadline: DISCOUNT_DEADLINE,
    dueDate: DUE_DATE,
    issuedAt: ISSUED_NOW.toISOString(),
    calendarUnverified: false,
    ...overrides,
  },
});
const finePaid = (amountTiyn: number, balanceTiyn: number, paidAt: Date, discountApplied = false): FineEvent => ({
  type: 'FinePaid',
  data: {
    fineId: 'fine-1',
    paymentId: `pay-${amountTiyn}`,
    amountTiyn,
    district: 'Taraz',
    paidAt: paidAt.toISOString(),
    balanceTiyn,
    discountApplied,
  },
});
const fineAppealed: FineEvent = {
  type: 'FineAppealed',
  data: { reason: 'not me', appealedAt: almaty('2026-03-05').toISOString() },
};
const appealDecided = (
  decision: 'upheld' | 'cancelled' | 'reduced',
  amountTiyn = AMOUNT,
  dueDate: string | null = '2026-04-19',
): FineEvent => ({
  type: 'AppealDecided',
  data: { decision, reason: 'reviewed', amountTiyn, dueDate, decidedAt: almaty('2026-03-20').toISOString() },
});
const fineOverdue: FineEvent = { type: 'FineOverdue', data: { dueDate: DUE_DATE, balanceTiyn: AMOUNT } };

const ISSUED = [fineIssued()];
const APPEALED = [...ISSUED, fineAppealed];
const UPHELD = [...APPEALED, appealDecided('upheld')];
const OVERDUE = [...ISSUED, fineOverdue];

/**
 * Two part payments of what is due (the half inside the discount window, the full amount after it): the first leaves
 * the rest as the balance, the second pays it and closes the fine, with the discount or without.
 */
const secondPartCloses = (part: {
  dueTiyn: number;
  firstTiyn: number;
  firstDay: string;
  secondDay: string;
  discountApplied: boolean;
}) => {
  const [first, second] = [almaty(part.firstDay), almaty(part.secondDay)];
  const restTiyn = part.dueTiyn - part.firstTiyn;
  spec
    .given([...ISSUED, finePaid(part.firstTiyn, restTiyn, first)])
    .when(pay(restTiyn, second))
    .then([finePaid(restTiyn, 0, second, part.discountApplied)]);
};

describe('fine decider', () => {
  describe('Issuing', () => {
    it('issues multiples × the MCI in force on the offence date, with the discount deadline and the due date', () => {
      spec.given([]).when(issueFine()).then([fineIssued()]);
    });

    it('issues one fine per recorded offence: the same offence again changes nothing', () => {
      spec.given(ISSUED).when(issueFine()).then([]);
    });

    it('refuses a second issue on a fine stream for another offence or for none', () => {
      spec
        .given(ISSUED)
        .when(issueFine({ offenceId: 'offence-2' }))
        .thenThrows(errors.IllegalFineTransitionError, { details: { status: 'issued' } });
      spec
        .given(ISSUED)
        .when(issueFine({ offenceId: null }))
        .thenThrows(errors.IllegalFineTransitionError);
    });

    it('uses the category multiples: a large business pays 200 MCI', () => {
      spec
        .given([])
        .when(
          issueFine({
            offender: {
              category: 'large_business',
              iinHmacSha256: null,
              iinKeyId: null,
              bin: '123456789012',
              personalData: { heldBy: 'fines', subjectId: 'fine-1' },
            },
          }),
        )
        .thenState((s) =>
          expect(s).toMatchObject({
            amountTiyn: 200 * 4_325_00,
            discountAmountTiyn: 100 * 4_325_00,
            offenderCategory: 'large_business',
          }),
        );
    });

    it('refuses an offence in the future and one before the MCI table starts, naming committedAt', () => {
      spec
        .given([])
        .when(issueFine({ committedAt: '2026-03-05T00:00:00.000Z' }))
        .thenThrows(errors.OffenceInFutureError, { field: 'committedAt' });
      spec
        .given([])
        .when(issueFine({ committedAt: '2019-12-31T12:00:00.000Z' }))
        .thenThrows(errors.NoMciOnDateError, { field: 'committedAt' });
    });

    it("refuses an official's fine without the offender's IIN (a person) or BIN (a business), naming the field", () => {
      const official = (category: 'individual' | 'small_business') =>
        issueFine({
          offenceId: null,
          offender: {
            category,
            iinHmacSha256: null,
            iinKeyId: null,
            bin: null,
            personalData: { heldBy: 'fines', subjectId: 'fine-1' },
          },
        });
      spec.given([]).when(official('individual')).thenThrows(errors.OffenderIdentityRequiredError, {
        field: 'offender.iin',
        message: 'offender.iin is required for an offender of category individual',
      });
      spec.given([]).when(official('small_business')).thenThrows(errors.OffenderIdentityRequiredError, {
        field: 'offender.bin',
        message: 'offender.bin is required for an offender of category small_business',
      });
    });

    describe('MCI on dates either side of each change (Asia/Almaty calendar date)', () => {
      const penalties = mciSeries('penalties');
      const changes = penalties.slice(1).map((row, i) => [row.effectiveFrom, penalties[i].tenge, row.tenge] as const);
      it.each(changes)(
        'on the day before %s the old MCI (%d), from it the new one (%d)',
        (effectiveFrom, before, after) => {
          const dayBefore = new Date(new Date(`${effectiveFrom}T12:00:00Z`).getTime() - 86_400_000)
            .toISOString()
            .slice(0, 10);
          const amountOn = (committedAt: string) => {
            let amount = 0;
            spec
              .given([])
              .when(issueFine({ committedAt }))
              .thenState((s) => {
                amount = s.amountTiyn;
              });
            return amount;
          };
          expect(amountOn(`${dayBefore}T12:00:00+06:00`)).toBe(20 * before * 100);
          expect(amountOn(`${effectiveFrom}T12:00:00+06:00`)).toBe(20 * after * 100);
        },
      );

      it('takes the Almaty date, not the UTC one: 18:30 UTC on 31 March 2020 is already 1 April in Almaty', () => {
        spec
          .given([])
          .when(issueFine({ committedAt: '2020-03-31T18:30:00.000Z' }))
          .thenState((s) => expect(s.amountTiyn).toBe(20 * 2_778_00));
        spec
          .given([])
          .when(issueFine({ committedAt: '2020-03-31T17:30:00.000Z' }))
          .thenState((s) => expect(s.amountTiyn).toBe(20 * 2_651_00));
      });

      it('on the first day of the table, 2020-01-01, the MCI is 2,651', () => {
        spec
          .given([])
          .when(issueFine({ committedAt: '2020-01-01T12:00:00+06:00' }))
          .thenState((s) => expect(s.amountTiyn).toBe(20 * 2_651_00));
      });

      it('fines an offence of July 2022 at the MCI for penalties, 3,063, not the 3,180 that served benefits from June', () => {
        const [issued] = fineDecider.decide(
          issueFine({ committedAt: '2022-07-15T12:00:00+06:00' }),
          initialFineState(),
        );
        expect(issued.data).toMatchObject({
          mciTiyn: 3_063_00,
          mciEffectiveFrom: '2022-01-01',
          amountTiyn: 20 * 3_063_00,
        });
      });
    });

    describe('deadlines on an unverified calendar (2027 is not verified)', () => {
      const issuedOn = (day: string) =>
        (fineDecider.decide(issueFine({}, almaty(day)), initialFineState())[0] as FineIssued).data;

      it('is not flagged while both deadlines fall in 2026', () => {
        expect(issuedOn('2026-12-01')).toMatchObject({
          discountDeadline: '2026-12-10',
          dueDate: '2026-12-31',
          calendarUnverified: false,
        });
      });

      it('is flagged when the due date falls in 2027, though the discount deadline does not', () => {
        expect(issuedOn('2026-12-02')).toMatchObject({
          discountDeadline: '2026-12-11',
          dueDate: '2027-01-01',
          calendarUnverified: true,
        });
      });

      it('is flagged when the discount window runs into 2027, counted by the base rules', () => {
        // 24, 25, 28, 29, 30, 31 December; 1 and 2 January (Saturday, carried to Monday 4) are New Year; Tuesday 5.
        expect(issuedOn('2026-12-23')).toMatchObject({ discountDeadline: '2027-01-05', calendarUnverified: true });
        spec
          .given([])
          .when(issueFine({}, almaty('2026-12-23')))
          .thenState((s) => expect(s.calendarUnverified).toBe(true));
      });

      it('reads a fine recorded before the flag with a deadline after 2026 as flagged, one within 2026 as not', () => {
        const legacy = (dueDate: string) => {
          const event = fineIssued({ dueDate });
          delete (event.data as Partial<FineIssued['data']>).calendarUnverified;
          return event;
        };
        expect(fold(fineDecider, [legacy('2027-01-02')]).calendarUnverified).toBe(true);
        expect(fold(fineDecider, [legacy('2026-12-31')]).calendarUnverified).toBe(false);
      });
    });
  });

  describe('Paying at a stated time', () => {
    it('refuses a payment dated after the channel reported it, naming paidAt', () => {
      const paidAt = '2026-03-06T12:00:00+05:00';
      const reportedAt = almaty('2026-03-05').toISOString();
      const dated = { paymentId: 'pay-later', amountTiyn: HALF, paidAt, reportedAt };
      spec
        .given(ISSUED)
        .when(command('RecordPayment', dated, { now: new Date(paidAt) }))
        .thenThrows(errors.PaidInFutureError, { field: 'paidAt', message: `paidAt ${paidAt} is in the future` });
    });
  });

  describe('Paying with the 50% discount', () => {
    it('closes the fine for 50% paid on the 7th working day, counted across a weekend and a holiday', () => {
      const lastMinute = almaty(DISCOUNT_DEADLINE, 23);
      spec
        .given(ISSUED)
        .when(pay(HALF, lastMinute))
        .then([finePaid(HALF, 0, lastMinute, true)], (s) =>
          expect(s).toMatchObject({ status: 'paid', paidTiyn: HALF, discountApplied: true }),
        );
    });

    it('after the 7th working day 50% is only a part payment of the full amount', () => {
      const nextDay = new Date('2026-03-16T19:30:00.000Z'); // 00:30 on 17 March in Almaty
      spec
        .given(ISSUED)
        .when(pay(HALF, nextDay))
        .then([finePaid(HALF, AMOUNT - HALF, nextDay)], (s) => expect(s.status).toBe('issued'));
    });

    it('refuses paying more than the discounted half inside the window, naming amountTiyn and the amount due', () => {
      spec
        .given(ISSUED)
        .when(pay(AMOUNT, almaty('2026-03-10')))
        .thenThrows(errors.OverpaymentError, { field: 'amountTiyn', details: { amountDueTiyn: HALF } });
    });

    it('adds part payments inside the window up to the half, which closes the fine', () =>
      secondPartCloses({
        dueTiyn: HALF,
        firstTiyn: 2_000_000,
        firstDay: '2026-03-05',
        secondDay: '2026-03-12',
        discountApplied: true,
      }));

    it('a part payment inside the window leaves the full amount less it due once the window closes', () => {
      const later = almaty('2026-03-20');
      spec
        .given([...ISSUED, finePaid(2_000_000, HALF - 2_000_000, almaty('2026-03-05'))])
        .when(pay(AMOUNT, later))
        .thenThrows(errors.OverpaymentError, { details: { amountDueTiyn: AMOUNT - 2_000_000 } });
      spec
        .given([...ISSUED, finePaid(2_000_000, HALF - 2_000_000, almaty('2026-03-05'))])
        .when(pay(AMOUNT - 2_000_000, later))
        .then([finePaid(AMOUNT - 2_000_000, 0, later)]);
    });

    it('counts the notice day itself out: the discount window of a Friday notice ends on the 7th working day after it', () => {
      // Notice Friday 2026-03-13; working days Mon 16 .. Fri 20 (5), then Nauryz: Sat 21, Sun 22 (carried to Tue 24 and Wed 25),
      // Mon 23 is a holiday; Thu 26 (6), Fri 27 (7).
      spec
        .given([])
        .when(issueFine({}, almaty('2026-03-13')))
        .thenState((s) => expect(s.discountDeadline).toBe('2026-03-27'));
    });
  });

  describe('Paying the full amount', () => {
    it('part payments after the window reduce the balance; the last one closes the fine without discount', () =>
      secondPartCloses({
        dueTiyn: AMOUNT,
        firstTiyn: 5_000_000,
        firstDay: '2026-03-20',
        secondDay: '2026-04-01',
        discountApplied: false,
      }));

    it('books a payment id once: the payment channel retrying it changes nothing', () => {
      spec
        .given([...ISSUED, finePaid(5_000_000, AMOUNT - 5_000_000, almaty('2026-03-20'))])
        .when(pay(5_000_000, almaty('2026-03-21')))
        .then([]);
      spec
        .given([...ISSUED, finePaid(HALF, 0, almaty('2026-03-05'), true)])
        .when(pay(HALF, almaty('2026-03-06')))
        .then([]);
    });

    it('refuses an overpayment of the balance', () => {
      spec
        .given([...ISSUED, finePaid(5_000_000, AMOUNT - 5_000_000, almaty('2026-03-20'))])
        .when(pay(AMOUNT - 5_000_000 + 1, almaty('2026-03-21')))
        .thenThrows(errors.OverpaymentError, { details: { amountDueTiyn: AMOUNT - 5_000_000 } });
    });

    it('takes payment of an overdue fine (full amount only)', () => {
      const at = almaty('2026-04-10');
      spec
        .given(OVERDUE)
        .when(pay(AMOUNT, at))
        .then([finePaid(AMOUNT, 0, at)]);
    });

    it.each([
      ['paid', [...ISSUED, finePaid(HALF, 0, almaty('2026-03-05'), true)]],
      ['appealed', APPEALED],
      ['cancelled', [...APPEALED, appealDecided('cancelled', AMOUNT, null)]],
      [
        'enforcement',
        [
          ...OVERDUE,
          {
            type: 'FineSentToEnforcement',
            data: { dueDate: DUE_DATE, balanceTiyn: AMOUNT, graceDays: 30, sentAt: '2026-05-04T00:00:00.000Z' },
          } as FineEvent,
        ],
      ],
    ])('refuses a payment while the fine is %s (409)', (status, history) => {
      spec
        .given(history as FineEvent[])
        .when(pay(1_000, almaty('2026-05-10')))
        .thenThrows(errors.IllegalFineTransitionError, { details: { status } });
    });
  });

  describe('Appeals', () => {
    it('files an appeal on an issued fine', () => {
      spec.given(ISSUED).when(appeal()).then([fineAppealed]);
    });

    it('appeals once only', () => {
      spec
        .given(UPHELD)
        .when(appeal(almaty('2026-03-21')))
        .thenThrows(errors.AlreadyAppealedError);
    });

    it('upheld: issued again with the full amount due 30 days after the decision, and no discount any more', () => {
      spec
        .given(APPEALED)
        .when(decide('upheld'))
        .then([appealDecided('upheld')]);
      const soon = almaty('2026-03-23');
      spec
        .given(UPHELD)
        .when(pay(HALF, soon))
        .then([finePaid(HALF, AMOUNT - HALF, soon)]);
    });

    it('an appealed fine loses the discount even when upheld inside the 7 working days', () => {
      spec
        .given([...APPEALED, appealDecided('upheld', AMOUNT, '2026-04-05')])
        .when(pay(AMOUNT, almaty('2026-03-09')))
        .then([finePaid(AMOUNT, 0, almaty('2026-03-09'))]);
    });

    it('reduced: the new amount is due, 30 days after the decision', () => {
      spec
        .given(APPEALED)
        .when(decide('reduced', almaty('2026-03-20'), 3_000_000))
        .then([appealDecided('reduced', 3_000_000)]);
      spec
        .given([...APPEALED, appealDecided('reduced', 3_000_000)])
        .when(pay(3_000_001, almaty('2026-03-25')))
        .thenThrows(errors.OverpaymentError, { details: { amountDueTiyn: 3_000_000 } });
    });

    it('refuses a reduction without a new amount, or not below the fine', () => {
      spec.given(APPEALED).when(decide('reduced')).thenThrows(errors.BadReducedAmountError, { field: 'newAmountTiyn' });
      spec
        .given(APPEALED)
        .when(decide('reduced', almaty('2026-03-20'), AMOUNT))
        .thenThrows(errors.BadReducedAmountError, { field: 'newAmountTiyn' });
    });

    it('refuses a reduction to what was already paid or less', () => {
      const history = [...ISSUED, finePaid(2_000_000, HALF - 2_000_000, almaty('2026-03-05')), fineAppealed];
      spec
        .given(history)
        .when(decide('reduced', almaty('2026-03-20'), 2_000_000))
        .thenThrows(errors.BadReducedAmountError);
    });

    it('cancelled: the fine is closed', () => {
      spec
        .given(APPEALED)
        .when(decide('cancelled'))
        .then([appealDecided('cancelled', AMOUNT, null)], (s) => expect(s.status).toBe('cancelled'));
    });

    it('decides only an appealed fine', () => {
      spec
        .given(ISSUED)
        .when(decide('upheld'))
        .thenThrows(errors.IllegalFineTransitionError, { details: { status: 'issued' } });
    });
  });

  describe('Overdue and enforcement', () => {
    it('is not overdue on its due date (Almaty day), and is the day after', () => {
      spec
        .given(ISSUED)
        .when(markOverdue(almaty(DUE_DATE, 23)))
        .then([]);
      spec
        .given(ISSUED)
        .when(markOverdue(almaty('2026-04-04', 1)))
        .then([fineOverdue]);
    });

    it('counts the balance after part payments', () => {
      spec
        .given([...ISSUED, finePaid(1_000_000, HALF - 1_000_000, almaty('2026-03-05'))])
        .when(markOverdue(almaty('2026-04-04')))
        .then([{ type: 'FineOverdue', data: { dueDate: DUE_DATE, balanceTiyn: AMOUNT - 1_000_000 } }]);
    });

    it('an upheld fine is overdue only after its new due date', () => {
      spec
        .given(UPHELD)
        .when(markOverdue(almaty('2026-04-10')))
        .then([]);
      spec
        .given(UPHELD)
        .when(markOverdue(almaty('2026-04-20')))
        .then([{ type: 'FineOverdue', data: { dueDate: '2026-04-19', balanceTiyn: AMOUNT } }]);
    });

    it('leaves paid, appealed and cancelled fines alone', () => {
      spec
        .given([...ISSUED, finePaid(HALF, 0, almaty('2026-03-05'), true)])
        .when(markOverdue(almaty('2026-06-01')))
        .then([]);
      spec
        .given(APPEALED)
        .when(markOverdue(almaty('2026-06-01')))
        .then([]);
      spec
        .given([...APPEALED, appealDecided('cancelled', AMOUNT, null)])
        .when(markOverdue(almaty('2026-06-01')))
        .then([]);
    });

    it('sends an overdue fine to enforcement once the grace (default 30 days) after the due date has passed', () => {
      spec
        .given(OVERDUE)
        .when(sendToEnforcement(almaty('2026-05-03', 23)))
        .then([]);
      const at = almaty('2026-05-04', 9);
      spec
        .given(OVERDUE)
        .when(sendToEnforcement(at))
        .then([
          {
            type: 'FineSentToEnforcement',
            data: { dueDate: DUE_DATE, balanceTiyn: AMOUNT, graceDays: 30, sentAt: at.toISOString() },
          },
        ]);
    });

    it('takes a configured grace', () => {
      spec
        .given(OVERDUE)
        .when(sendToEnforcement(almaty('2026-04-13'), 10))
        .then([]);
      spec
        .given(OVERDUE)
        .when(sendToEnforcement(almaty('2026-04-14'), 10))
        .thenState((s) => expect(s.status).toBe('enforcement'));
    });

    it('never sends an issued (not yet overdue) fine to enforcement, nor one twice', () => {
      spec
        .given(ISSUED)
        .when(sendToEnforcement(almaty('2026-12-01')))
        .then([]);
      const sent = {
        type: 'FineSentToEnforcement',
        data: { dueDate: DUE_DATE, balanceTiyn: AMOUNT, graceDays: 30, sentAt: '2026-05-04T00:00:00.000Z' },
      } as FineEvent;
      spec
        .given([...OVERDUE, sent])
        .when(sendToEnforcement(almaty('2026-12-01')))
        .then([]);
    });
  });
});
