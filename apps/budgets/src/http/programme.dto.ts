import { IsRfc3339Date } from '@app/contracts';
import { PageQueryDto } from '@app/platform';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { FLAG_OUTCOMES, PROGRAMME_PURPOSES, type FlagOutcome, type ProgrammePurpose } from '../domain/budget.types';
import { FiscalYear, Tiyn } from './field-rules';

export class PublishProgrammeDto {
  @Matches(/^\d{12}$/, { message: 'institutionBin must be a 12-digit BIN' })
  institutionBin: string;

  @FiscalYear()
  fiscalYear: number;

  @Matches(/^[0-9A-Za-z][0-9A-Za-z.\-/]{0,49}$/, { message: 'code must be a programme code such as 451-015' })
  code: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsIn(PROGRAMME_PURPOSES, { message: `purpose must be one of ${PROGRAMME_PURPOSES.join(', ')}` })
  purpose: ProgrammePurpose;

  @Tiyn(0)
  allocationTiyn: number;
}

export class AmendAllocationDto {
  @Tiyn(0)
  newAllocationTiyn: number;

  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class RecordExpenditureDto {
  @Tiyn(1)
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
  @FiscalYear()
  year?: number;

  @IsOptional()
  @IsIn(PROGRAMME_PURPOSES, { message: `purpose must be one of ${PROGRAMME_PURPOSES.join(', ')}` })
  purpose?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'flagged must be true or false' })
  flagged?: 'true' | 'false';
}
