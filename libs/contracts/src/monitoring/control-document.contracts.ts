import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsRfc3339Date, IsRfc3339DateTime } from '../rfc3339.validator';

// monitoring.events, v1 of each public event of a final document of public control (Law of the RK "On Public
// Control", 2 October 2023 No. 30-VIII, art. 13). Public by the law's design: the club's findings, the institution's
// answers and what the authorised body decided. Dates are Asia/Almaty full-dates, instants RFC 3339.

const FINAL_DOCUMENT_KINDS_V1 = ['protocol', 'conclusion', 'recommendations'] as const;
const CONTROL_SUBJECT_KINDS_V1 = ['report', 'raid'] as const;
const REPLY_POSITIONS_V1 = ['accepted', 'partly_accepted', 'refused'] as const;

export class NumberedRecommendationV1 {
  @IsInt() @Min(1) number: number;
  @IsString() @Length(1, 5000) text: string;
}

export class FinalDocumentIssuedV1 {
  @IsUUID() documentId: string;
  @IsIn(CONTROL_SUBJECT_KINDS_V1) subjectKind: (typeof CONTROL_SUBJECT_KINDS_V1)[number];
  @IsUUID() subjectId: string;
  @IsIn(FINAL_DOCUMENT_KINDS_V1) documentKind: (typeof FINAL_DOCUMENT_KINDS_V1)[number];
  @Matches(/^\d{12}$/) institutionBin: string;
  /** The district of the report or raid controlled (null for a report that names none): the scoreboard's second axis. */
  @IsOptional() @IsString() @Length(1, 100) district: string | null;
  @IsString() findings: string;
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => NumberedRecommendationV1)
  recommendations: NumberedRecommendationV1[];
  @IsRfc3339Date() controlEndedOn: string;
  @IsInt() @Min(1) sendWithinWorkingDays: number;
  @IsRfc3339Date() sendDueOn: string;
  @IsBoolean() calendarUnverified: boolean;
  @IsString() issuedBy: string;
  @IsRfc3339DateTime() issuedAt: string;
}

export class FinalDocumentSentV1 {
  @IsRfc3339DateTime() sentAt: string;
  @IsRfc3339Date() sentOn: string;
  @IsBoolean() late: boolean;
  @IsInt() @Min(1) replyWithinWorkingDays: number;
  @IsRfc3339Date() replyDueOn: string;
  @IsBoolean() calendarUnverified: boolean;
}

export class DocumentSendingOverdueV1 {
  @IsRfc3339Date() sendDueOn: string;
  @IsRfc3339DateTime() markedAt: string;
}

export class RecommendationRepliedV1 {
  @IsInt() @Min(1) number: number;
  @IsIn(REPLY_POSITIONS_V1) position: (typeof REPLY_POSITIONS_V1)[number];
  @IsString() @Length(1, 20_000) reasoning: string;
  @IsArray() @IsUrl({}, { each: true }) evidence: string[];
  @IsString() repliedBy: string;
  @IsRfc3339DateTime() repliedAt: string;
  @IsRfc3339Date() repliedOn: string;
  @IsBoolean() late: boolean;
}

export class RecommendationReplyOverdueV1 {
  @IsInt() @Min(1) number: number;
  @IsRfc3339Date() replyDueOn: string;
  @IsRfc3339DateTime() markedAt: string;
}

export class HearingScheduledV1 {
  @IsUUID() hearingId: string;
  @IsRfc3339DateTime() hearingAt: string;
  @IsRfc3339Date() hearingOn: string;
  @IsString() @Length(1, 300) place: string;
  @IsRfc3339DateTime() announcedAt: string;
  @IsRfc3339Date() announcedOn: string;
  @IsInt() @Min(0) noticeWorkingDays: number;
  @IsRfc3339Date() earliestOn: string;
  @IsBoolean() calendarUnverified: boolean;
}

export class RecommendationEscalatedV1 {
  @IsInt() @Min(1) number: number;
  @IsIn(['refused', 'unanswered']) grounds: 'refused' | 'unanswered';
  @IsString() @Length(1, 300) authority: string;
  @IsString() @Length(1, 100) authorityReference: string;
  @IsString() escalatedBy: string;
  @IsRfc3339DateTime() escalatedAt: string;
}

export class EscalationOutcomeRecordedV1 {
  @IsInt() @Min(1) number: number;
  @IsBoolean() liability: boolean;
  @IsOptional() @IsString() @Length(1, 100) protocolNumber: string | null;
  @IsOptional() @IsString() @Length(1, 100) fineId: string | null;
  @IsString() note: string;
  @IsString() recordedBy: string;
  @IsRfc3339DateTime() recordedAt: string;
}
