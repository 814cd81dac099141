import { DefectPlaceDto, MAX_TIYN, NestedObject, PageQueryDto } from '@app/platform';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsRfc3339Date } from '@app/contracts';
import { REPORT_KINDS, type ReportKind } from '../domain/report.types';
import { OptionalHttpUrlList } from './http-url-list.decorator';
import { REPORT_LANGUAGES, type ReportLanguage } from '../domain/report-language';

export class RoadDefectDto extends DefectPlaceDto {
  @OptionalHttpUrlList(10, 'photos must be http(s) URLs')
  photos?: string[];
}

export class BudgetExecutionDto {
  @Matches(/^\d{12}$/, { message: 'institutionBin must be a 12-digit BIN' })
  institutionBin: string;

  @IsString()
  @Length(1, 50)
  programmeCode: string;

  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @IsString()
  @Length(1, 2000)
  doubt: string;

  @IsInt({ message: 'amountInQuestionTiyn must be a whole number of tiyn' })
  @Min(0, { message: 'amountInQuestionTiyn must not be negative' })
  @Max(MAX_TIYN, { message: `amountInQuestionTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  amountInQuestionTiyn: number;
}

/** Personal data: stored apart, shown to moderators only. */
export class ContactDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @Matches(/^\+?\d{7,15}$/, { message: 'contact.phone must be a phone number' })
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'contact.email must be an email address' })
  email?: string;
}

export class SubmitReportDto {
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind: ReportKind;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  @ValidateIf((r) => r.kind === 'road_defect')
  @IsDefined({ message: 'road is required for a road_defect report' })
  @NestedObject(() => RoadDefectDto)
  road?: RoadDefectDto;

  @ValidateIf((r) => r.kind === 'budget_execution')
  @IsDefined({ message: 'budget is required for a budget_execution report' })
  @NestedObject(() => BudgetExecutionDto)
  budget?: BudgetExecutionDto;

  @IsOptional()
  @NestedObject(() => ContactDto)
  contact?: ContactDto;

  /** The language the reporter is told about the report in (e-mail, feed): kk (default), ru or en. */
  @IsOptional()
  @IsIn(REPORT_LANGUAGES, { message: `language must be one of ${REPORT_LANGUAGES.join(', ')}` })
  language?: ReportLanguage;
}

const MEETING_DATE = { message: 'meetingDate must be the meeting day, YYYY-MM-DD' };

export class AcceptReportDto {
  @IsRfc3339Date(MEETING_DATE)
  meetingDate: string;
}

export class RejectReportDto extends AcceptReportDto {
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class MarkDuplicateDto extends AcceptReportDto {
  @IsUUID(undefined, { message: 'duplicateOf must be a report id (uuid)' })
  duplicateOf: string;
}

export class ReopenReportDto {
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class ReportListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(REPORT_KINDS)
  kind?: string;

  @IsOptional()
  @IsIn(['submitted', 'under_review', 'accepted', 'resolved', 'rejected', 'duplicate'])
  status?: string;

  @IsOptional()
  @IsString()
  district?: string;
}

export class AgendaQueryDto extends PageQueryDto {
  @Matches(/^\d{4}-W\d{2}$/, { message: 'week must be an ISO week such as 2020-W12' })
  week: string;
}
