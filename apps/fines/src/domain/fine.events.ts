import type { DomainEvent } from '@app/domain-kernel';
import type { AppealDecision, OffenderCategory, OffenderRecordRef } from './fine.types';

export type FineIssued = DomainEvent<
  'FineIssued',
  {
    fineId: string;
    offenceId: string | null;
    offenceType: string;
    legalReference: string;
    offenderCategory: OffenderCategory;
    /** No personal data in the log: the IIN's keyed digest, and where the name, IIN and plate are kept. */
    offenderIinHmacSha256: string | null;
    offenderIinKeyId: string | null;
    offenderBin: string | null;
    offenderPersonalData: OffenderRecordRef;
    committedAt: string;
    place: string;
    district: string;
    raidId: string | null;
    caseId: string | null;
    evidence: string[];
    mciMultiples: number;
    mciTiyn: number;
    mciEffectiveFrom: string;
    amountTiyn: number;
    /** 50% of the amount, closing the fine when paid by the discount deadline (Asia/Almaty date, inclusive). */
    discountAmountTiyn: number;
    discountDeadline: string;
    /** The full amount is due by this Asia/Almaty date (inclusive). */
    dueDate: string;
    issuedAt: string;
    /** A deadline falls in a year the working-day calendar is not verified for; absent on events from before the flag (fine-calendar.ts). */
    calendarUnverified?: boolean;
  }
>;
export type FinePaid = DomainEvent<
  'FinePaid',
  {
    fineId: string;
    paymentId: string;
    amountTiyn: number;
    district: string;
    paidAt: string;
    /** Left to pay after this payment; 0 closes the fine. */
    balanceTiyn: number;
    discountApplied: boolean;
  }
>;
export type FineAppealed = DomainEvent<'FineAppealed', { reason: string; appealedAt: string }>;
export type AppealDecided = DomainEvent<
  'AppealDecided',
  {
    decision: AppealDecision;
    reason: string;
    amountTiyn: number;
    /** null when cancelled. */
    dueDate: string | null;
    decidedAt: string;
  }
>;
export type FineOverdue = DomainEvent<'FineOverdue', { dueDate: string; balanceTiyn: number }>;
export type FineSentToEnforcement = DomainEvent<
  'FineSentToEnforcement',
  { dueDate: string; balanceTiyn: number; graceDays: number; sentAt: string }
>;

export type FineEvent = FineIssued | FinePaid | FineAppealed | AppealDecided | FineOverdue | FineSentToEnforcement;
