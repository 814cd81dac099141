import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Min } from 'class-validator';
import { KEY_ID_V1, OFFENDER_CATEGORIES_V1 } from '../monitoring/raid.contracts';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';

// fines.events: the public fine events except FinePaid (FinePaidV1, fine-paid.contract.ts). No personal data: the
// offender's IIN only as its HMAC-SHA256 under the personal-data key the key id names; no name or plate.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** FineIssued v2 (v1 carried an unkeyed SHA-256 of the IIN, which anyone could reverse). */
export class FineIssuedV2 {
  @IsString() fineId: string;
  @IsOptional() @IsString() offenceId: string | null;
  @Matches(/^[a-z0-9_]{1,60}$/) offenceType: string;
  @IsString() legalReference: string;
  @IsIn(OFFENDER_CATEGORIES_V1) offenderCategory: (typeof OFFENDER_CATEGORIES_V1)[number];
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) offenderIinHmacSha256: string | null;
  @IsOptional() @Matches(KEY_ID_V1) offenderIinKeyId: string | null;
  @IsOptional() @Matches(/^\d{12}$/) offenderBin: string | null;
  @IsRfc3339DateOrDateTime() committedAt: string;
  @IsString() district: string;
  @IsOptional() @IsString() raidId: string | null;
  @IsOptional() @IsString() caseId: string | null;
  @IsNumber() mciMultiples: number;
  @IsInt() @Min(1) mciTiyn: number;
  @Matches(DAY) mciEffectiveFrom: string;
  @IsInt() @Min(1) amountTiyn: number;
  @IsInt() @Min(1) discountAmountTiyn: number;
  /** Asia/Almaty dates, inclusive. */
  @Matches(DAY) discountDeadline: string;
  @Matches(DAY) dueDate: string;
  @IsRfc3339DateOrDateTime() issuedAt: string;
}

export class FineAppealedV1 {
  @IsRfc3339DateOrDateTime() appealedAt: string;
}

export class AppealDecidedV1 {
  @IsIn(['upheld', 'cancelled', 'reduced']) decision: 'upheld' | 'cancelled' | 'reduced';
  @IsInt() @Min(0) amountTiyn: number;
  @IsOptional() @Matches(DAY) dueDate: string | null;
  @IsRfc3339DateOrDateTime() decidedAt: string;
}

export class FineOverdueV1 {
  @Matches(DAY) dueDate: string;
  @IsInt() @Min(0) balanceTiyn: number;
}

export class FineSentToEnforcementV1 {
  @Matches(DAY) dueDate: string;
  @IsInt() @Min(0) balanceTiyn: number;
  @IsInt() @Min(0) graceDays: number;
  @IsRfc3339DateOrDateTime() sentAt: string;
}

/** Re-exported so a reader of fines.events sees the whole set in one place. */
export const FINE_EVENT_TYPES_V1 = [
  'FineIssued',
  'FinePaid',
  'FineAppealed',
  'AppealDecided',
  'FineOverdue',
  'FineSentToEnforcement',
] as const;
export type FineEventTypeV1 = (typeof FINE_EVENT_TYPES_V1)[number];
