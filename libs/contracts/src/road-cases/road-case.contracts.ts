import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { DEFECT_TYPES, GeoPointV1, type DefectType } from '../shared-values';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';
import { OptionalPhotoEvidence, PhotoEvidenceV1 } from '../photo-evidence.contract';

// road-cases.events, v1 of each public event. Case ids and report ids only; no personal data.

export class CaseOpenedV1 {
  @IsString() caseId: string;
  @ValidateNested() @Type(() => GeoPointV1) location: GeoPointV1;
  @IsString() district: string;
  @IsString() address: string;
  @IsIn(DEFECT_TYPES) defectType: DefectType;
  @IsIn(['inspector', 'report', 'raid']) source: 'inspector' | 'report' | 'raid';
  @IsArray() @IsString({ each: true }) reportIds: string[];
  @IsOptional() @IsString() raidId: string | null;
  @IsRfc3339DateOrDateTime() openedAt: string;
}

export class ReportLinkedToCaseV1 {
  @IsString() reportId: string;
  @IsIn(['inspector', 'report', 'raid']) source: string;
  @IsOptional() @IsString() raidId: string | null;
}

export class DefectVerifiedV1 {
  @IsIn(['low', 'medium', 'high', 'critical']) severity: string;
  @Min(0) areaM2: number;
  @IsInt() @Min(0) estimatedCostTiyn: number;
}

export class CaseRejectedV1 {
  @IsString() reason: string;
}

export class ContractorAssignedV1 {
  @Matches(/^\d{12}$/) contractorBin: string;
  @IsString() contractId: string;
  @IsRfc3339DateOrDateTime() dueAt: string;
  @IsBoolean() underWarranty: boolean;
  @IsInt() @Min(1) assignment: number;
}

export class RepairReportedV1 {
  @Matches(/^\d{12}$/) contractorBin: string;
  /** Photos of the repair (GET /photos/{sha256} on road-cases); absent when none were uploaded. */
  @OptionalPhotoEvidence()
  photoEvidence?: PhotoEvidenceV1[];
}

export class RepairAcceptedV1 {
  @IsInt() @Min(0) actualCostTiyn: number;
  @IsBoolean() underWarranty: boolean;
  @IsString() contractId: string;
  @Matches(/^\d{12}$/) contractorBin: string;
  @IsBoolean() onTime: boolean;
}

export class RepairRejectedV1 {
  @IsString() reason: string;
  @IsInt() @Min(1) reworks: number;
}

export class CaseClosedV1 {
  @IsIn(['repaired']) outcome: 'repaired';
  @IsArray() @IsString({ each: true }) reportIds: string[];
}

export class CaseReopenedV1 {
  @IsString() reason: string;
}

export class CaseOverdueV1 {
  @IsRfc3339DateOrDateTime() dueAt: string;
  @IsInt() @Min(1) assignment: number;
  @Matches(/^\d{12}$/) contractorBin: string;
}
