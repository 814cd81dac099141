import type { Command, WorkingDayCalendar } from '@app/domain-kernel';
import type { AppealDecision, OffenceType, Offender } from './fine.types';

export type IssueFine = Command<
  'IssueFine',
  {
    fineId: string;
    /** The raid's offence this fine answers; null when an official issues it directly. */
    offenceId: string | null;
    /** The catalogue entry, as configured when the fine is issued. */
    offence: OffenceType;
    offender: Offender;
    committedAt: string;
    place: string;
    district: string;
    raidId: string | null;
    caseId: string | null;
    evidence: string[];
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
