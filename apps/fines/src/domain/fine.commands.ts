import type { Command, WorkingDayCalendar } from '@app/domain-kernel';
import type { FineIssued } from './fine.events';
import type { AppealDecision, OffenceType, Offender } from './fine.types';

/** When, where and through what the offence was found: the command states it as the issued fine records it. */
type OffenceCircumstances = Pick<
  FineIssued['data'],
  'committedAt' | 'place' | 'district' | 'raidId' | 'caseId' | 'evidence'
>;

export type IssueFine = Command<
  'IssueFine',
  OffenceCircumstances & {
    fineId: string;
    /** The raid's offence this fine answers; null when an official issues it directly. */
    offenceId: string | null;
    /** The catalogue entry, as configured when the fine is issued. */
    offence: OffenceType;
    offender: Offender;
    /** The working-day calendar the discount deadline is counted on (kazakhstanCalendar). */
    calendar: WorkingDayCalendar;
  }
>;
/** Made at the command's time (metadata.now): the time the channel states, else the moment it reported the payment. */
export type RecordPayment = Command<
  'RecordPayment',
  {
    paymentId: string;
    amountTiyn: number;
    /** The payment's time as the channel stated it, if it did. */
    paidAt?: string;
    /** When the channel reported the payment (ISO 8601). */
    reportedAt: string;
  }
>;
export type FileAppeal = Command<'FileAppeal', { reason: string }>;
export type DecideAppeal = Command<
  'DecideAppeal',
  { decision: AppealDecision; newAmountTiyn?: number; reason: string }
>;
export type MarkOverdue = Command<'MarkOverdue', Record<string, never>>;
export type SendToEnforcement = Command<'SendToEnforcement', { graceDays: number }>;

export type FineCommand = IssueFine | RecordPayment | FileAppeal | DecideAppeal | MarkOverdue | SendToEnforcement;
