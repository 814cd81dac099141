import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DEFECT_TYPES, GeoPointV1, type DefectType } from '../shared-values';

/**
 * monitoring.events ReportForwarded v1: the club accepted a citizen's report and hands it to the service that
 * acts on it. No personal data: the reporter's contact stays in monitoring.
 */
export class ReportForwardedV1 {
  @IsUUID()
  reportId: string;

  @IsIn(['road_defect', 'budget_execution'])
  kind: 'road_defect' | 'budget_execution';

  @ValidateIf((r) => r.kind === 'road_defect')
  @ValidateNested()
  @Type(() => GeoPointV1)
  location?: GeoPointV1;

  @ValidateIf((r) => r.kind === 'road_defect')
  @IsString()
  @Length(1, 100)
  district?: string;

  @ValidateIf((r) => r.kind === 'road_defect')
  @IsString()
  @Length(1, 300)
  address?: string;

  @ValidateIf((r) => r.kind === 'road_defect')
  @IsIn(DEFECT_TYPES)
  defectType?: DefectType;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  // Budget-execution reports: which programme the citizen doubts, and how much is in question.
  @ValidateIf((r) => r.kind === 'budget_execution')
  @Matches(/^\d{12}$/)
  institutionBin?: string;

  @ValidateIf((r) => r.kind === 'budget_execution')
  @IsString()
  @Length(1, 50)
  programmeCode?: string;

  @ValidateIf((r) => r.kind === 'budget_execution' && r.fiscalYear !== undefined)
  @IsInt()
  fiscalYear?: number;

  @ValidateIf((r) => r.kind === 'budget_execution')
  @IsString()
  @Length(1, 2000)
  doubt?: string;

  @ValidateIf(
    (r) => r.kind === 'budget_execution' && r.amountInQuestionTiyn !== undefined && r.amountInQuestionTiyn !== null,
  )
  @IsInt()
  @Min(0)
  amountInQuestionTiyn?: number | null;
}
