import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { IsRfc3339Date, IsRfc3339DateTime } from '@app/contracts';
import { PageQueryDto } from '@app/platform';
import {
  CONTROL_SUBJECT_KINDS,
  FINAL_DOCUMENT_KINDS,
  REPLY_POSITIONS,
  type ControlSubjectKind,
  type FinalDocumentKind,
  type ReplyPosition,
} from '../domain/control-document.types';
import { OptionalHttpUrlList } from './http-url-list.decorator';

const BIN = /^\d{12}$/;

export class IssueFinalDocumentDto {
  @IsIn(CONTROL_SUBJECT_KINDS, { message: `subjectKind must be one of ${CONTROL_SUBJECT_KINDS.join(', ')}` })
  subjectKind: ControlSubjectKind;

  @IsUUID('all', { message: 'subjectId must be the id of a report or a raid' })
  subjectId: string;

  @IsIn(FINAL_DOCUMENT_KINDS, { message: `documentKind must be one of ${FINAL_DOCUMENT_KINDS.join(', ')}` })
  documentKind: FinalDocumentKind;

  @Matches(BIN, { message: 'institutionBin must be a 12-digit BIN' })
  institutionBin: string;

  @IsString()
  @Length(1, 20_000)
  findings: string;

  /** Numbered in order: the first is recommendation 1. */
  @IsArray()
  @ArrayMinSize(1, { message: 'recommendations must list at least one recommendation' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 5000, { each: true })
  recommendations: string[];

  /** The day public control ended (Asia/Almaty), from which the sending deadline is counted. */
  @IsRfc3339Date({ message: 'controlEndedOn must be an RFC 3339 full-date, e.g. 2025-12-12' })
  controlEndedOn: string;
}

export class RecommendationReplyDto {
  @IsIn(REPLY_POSITIONS, { message: `position must be one of ${REPLY_POSITIONS.join(', ')}` })
  position: ReplyPosition;

  /** The law asks for a reasoned reply to each recommendation. */
  @IsString()
  @Length(1, 20_000, { message: 'reasoning must give the reasons (1 to 20000 characters)' })
  reasoning: string;

  @OptionalHttpUrlList(50, 'evidence must list http(s) URLs')
  evidence?: string[];
}

export class ScheduleHearingDto {
  @IsRfc3339DateTime({
    message: 'hearingAt must be an RFC 3339 date-time with its zone, e.g. 2026-03-30T15:00:00+05:00',
  })
  hearingAt: string;

  @IsString()
  @Length(1, 300)
  place: string;
}

export class EscalateRecommendationDto {
  /** The authorised body (a prosecutor's office, the audit chamber, a ministry's inspection). */
  @IsString()
  @Length(1, 300)
  authority: string;

  /** The body's reference number for the matter. */
  @IsString()
  @Length(1, 100)
  authorityReference: string;
}

export class EscalationOutcomeDto {
  @IsBoolean({ message: 'liability must be true or false' })
  liability: boolean;

  /** The administrative offence protocol's number: required with liability, not allowed without. */
  @ValidateIf((o) => o.liability === true || o.protocolNumber !== undefined)
  @IsString()
  @Length(1, 100, { message: 'protocolNumber must be the protocol number (required when liability is true)' })
  protocolNumber?: string;

  /** The fine issued, when the liability was a fine. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  fineId?: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class ControlDocumentListQueryDto extends PageQueryDto {
  @IsOptional()
  @Matches(BIN, { message: 'institutionBin must be a 12-digit BIN' })
  institutionBin?: string;

  @IsOptional()
  @IsUUID('all', { message: 'subjectId must be the id of a report or a raid' })
  subjectId?: string;

  @IsOptional()
  @IsIn(['issued', 'sent'], { message: 'status must be one of issued, sent' })
  status?: string;
}

export class ControlOverdueSweepDto {
  @IsOptional()
  @IsRfc3339DateTime({ message: 'asOf must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00' })
  asOf?: string;
}
