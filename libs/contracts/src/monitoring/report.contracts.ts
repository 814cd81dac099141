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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DEFECT_TYPES, GeoPointV1, type DefectType } from '../shared-values';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';
import { OptionalPhotoEvidence, PhotoEvidenceV1 } from '../photo-evidence.contract';

// monitoring.events, v1 of each public report event (ReportForwarded is ReportForwardedV1). No personal data:
// neither the reporter's contact nor the reporter's user id leaves monitoring.

export class RoadDefectDetailsV1 {
  @ValidateNested() @Type(() => GeoPointV1) location: GeoPointV1;
  @IsString() @Length(1, 100) district: string;
  @IsString() @Length(1, 300) address: string;
  @IsIn(DEFECT_TYPES) defectType: DefectType;
  @IsArray() @IsUrl({}, { each: true }) photos: string[];
  /** Photos uploaded with the report (GET /photos/{sha256} on monitoring); absent before photo uploads. */
  @OptionalPhotoEvidence()
  photoEvidence?: PhotoEvidenceV1[];
}

export class BudgetExecutionDetailsV1 {
  @Matches(/^\d{12}$/) institutionBin: string;
  @IsString() @Length(1, 50) programmeCode: string;
  @IsInt() fiscalYear: number;
  @IsString() @Length(1, 2000) doubt: string;
  @IsInt() @Min(0) amountInQuestionTiyn: number;
}

export class ReportSubmittedV1 {
  @IsUUID() reportId: string;
  @IsIn(['road_defect', 'budget_execution']) kind: 'road_defect' | 'budget_execution';
  @IsBoolean() anonymous: boolean;
  @IsString() @Length(0, 2000) description: string;
  @ValidateIf((r) => r.kind === 'road_defect')
  @ValidateNested()
  @Type(() => RoadDefectDetailsV1)
  road?: RoadDefectDetailsV1;
  @ValidateIf((r) => r.kind === 'budget_execution')
  @ValidateNested()
  @Type(() => BudgetExecutionDetailsV1)
  budget?: BudgetExecutionDetailsV1;
  @IsRfc3339DateOrDateTime() submittedAt: string;
}

export class ReviewStartedV1 {
  @IsString() moderatorId: string;
}

export class ReportAcceptedV1 {
  @IsString() moderatorId: string;
  @IsRfc3339DateOrDateTime() meetingDate: string;
  @IsIn(['road-cases', 'budgets']) forwardedTo: 'road-cases' | 'budgets';
}

export class ReportRejectedV1 {
  @IsString() moderatorId: string;
  @IsRfc3339DateOrDateTime() meetingDate: string;
  @IsString() reason: string;
}

export class ReportMarkedDuplicateV1 {
  @IsString() moderatorId: string;
  @IsRfc3339DateOrDateTime() meetingDate: string;
  @IsUUID() duplicateOf: string;
}

export class ReportCaseLinkedV1 {
  @IsString() caseId: string;
}

export class ReportResolvedV1 {
  @IsIn(['fixed', 'closed_without_fix']) outcome: 'fixed' | 'closed_without_fix';
  @IsOptional() @IsString() reason: string | null;
  @IsOptional() @IsString() caseId: string | null;
  @IsIn(['road-cases', 'budgets']) source: 'road-cases' | 'budgets';
}

export class ReportReopenedV1 {
  @IsString() reason: string;
  @IsBoolean() byReporter: boolean;
  @IsInt() @Min(1) reopenCount: number;
}
