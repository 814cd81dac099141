import { IsRfc3339Date } from '@app/contracts';
import { MAX_TIYN, PageQueryDto } from '@app/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { FLAG_OUTCOMES, PROGRAMME_PURPOSES, type FlagOutcome, type ProgrammePurpose } from '../domain/budget.types';

export class PublishProgrammeDto {
  @Matches(/^\d{12}$/, { message: 'institutionBin must be a 12-digit BIN' })
  institutionBin: string;

  @IsInt({ message: 'fiscalYear must be a year' })
  @Min(2000, { message: 'fiscalYear must be a year from 2000' })
  @Max(2100, { message: 'fiscalYear must be a year up to 2100' })
  fiscalYear: number;

  @Matches(/^[0-9A-Za-z][0-9A-Za-z.\-/]{0,49}$/, { message: 'code must be a programme code such as 451-015' })
  code: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsIn(PROGRAMME_PURPOSES, { message: `purpose must be one of ${PROGRAMME_PURPOSES.join(', ')}` })
  purpose: ProgrammePurpose;

  @IsInt({ message: 'allocationTiyn must be a whole number of tiyn' })
  @Min(0, { message: 'allocationTiyn must not be negative' })
  @Max(MAX_TIYN, { message: `allocationTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  allocationTiyn: number;
}

export class AmendAllocationDto {
  @IsInt({ message: 'newAllocationTiyn must be a whole number of tiyn' })
  @Min(0, { message: 'newAllocationTiyn must not be negative' })
  @Max(MAX_TIYN, { message: `newAllocationTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  newAllocationTiyn: number;

  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class RecordExpenditureDto {
  @IsInt({ message: 'amountTiyn must be a whole number of tiyn' })
  @Min(1, { message: 'amountTiyn must be positive' })
  @Max(MAX_TIYN, { message: `amountTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  amountTiyn: number;

  @IsRfc3339Date({ message: 'date must be a calendar date YYYY-MM-DD' })
  date: string;

  @IsString()
  @Length(1, 1000)
  description: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'contractId must be a contract id (uuid)' })
  contractId?: string;
}

export class ResolveFlagDto {
  @IsString()
  @Length(1, 100)
  reportId: string;

  @IsIn(FLAG_OUTCOMES, { message: `outcome must be one of ${FLAG_OUTCOMES.join(', ')}` })
  outcome: FlagOutcome;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  note?: string;
}

export class ProgrammeListQueryDto extends PageQueryDto {
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'institution must be a 12-digit BIN' })
  institution?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a year' })
  @Min(2000, { message: 'year must be a year from 2000' })
  @Max(2100, { message: 'year must be a year up to 2100' })
  year?: number;

  @IsOptional()
  @IsIn(PROGRAMME_PURPOSES, { message: `purpose must be one of ${PROGRAMME_PURPOSES.join(', ')}` })
  purpose?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'flagged must be true or false' })
  flagged?: 'true' | 'false';
}
