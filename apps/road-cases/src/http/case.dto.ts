import { DEFECT_TYPES, IsRfc3339DateTime } from '@app/contracts';
import { DefectPlaceDto, MAX_TIYN, PageQueryDto } from '@app/platform';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  Max,
} from 'class-validator';
import { SEVERITIES, type Severity } from '../domain/road-case.types';

export class OpenCaseDto extends DefectPlaceDto {
  @IsString()
  @Length(0, 2000)
  description: string;
}

export class VerifyDefectDto {
  @IsIn(SEVERITIES, { message: `severity must be one of ${SEVERITIES.join(', ')}` })
  severity: Severity;

  @IsNumber()
  @Min(0, { message: 'areaM2 must not be negative' })
  areaM2: number;

  @IsInt({ message: 'estimatedCostTiyn must be a whole number of tiyn' })
  @Min(0, { message: 'estimatedCostTiyn must not be negative' })
  @Max(MAX_TIYN, { message: `estimatedCostTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  estimatedCostTiyn: number;
}

export class ReasonDto {
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class AssignContractorDto {
  @Matches(/^\d{12}$/, { message: 'contractorBin must be a 12-digit BIN' })
  contractorBin: string;

  @IsUUID(undefined, { message: 'contractId must be a contract id (uuid)' })
  contractId: string;

  @IsOptional()
  @IsRfc3339DateTime({ message: 'dueAt must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00' })
  dueAt?: string;
}

export class ReportRepairDto {
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class AcceptRepairDto {
  @IsInt({ message: 'actualCostTiyn must be a whole number of tiyn' })
  @Min(0, { message: 'actualCostTiyn must not be negative' })
  @Max(MAX_TIYN, { message: `actualCostTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  actualCostTiyn: number;
}

export class CaseListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['opened', 'verified', 'rejected', 'assigned', 'repair_reported', 'closed'])
  status?: string;

  @IsOptional()
  @IsString()
  district?: string;

  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'contractorBin must be a 12-digit BIN' })
  contractorBin?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsIn(DEFECT_TYPES)
  defectType?: string;
}

export class OverdueSweepDto {
  @IsOptional()
  @IsRfc3339DateTime({ message: 'asOf must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00' })
  asOf?: string;

  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
