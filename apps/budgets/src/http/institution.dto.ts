import { PageQueryDto } from '@app/platform';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { INSTITUTION_KINDS, type InstitutionKind } from '../domain/budget.types';
import { FiscalYear } from './field-rules';

export class RegisterInstitutionDto {
  @Matches(/^\d{12}$/, { message: 'bin must be a 12-digit BIN' })
  bin: string;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsIn(INSTITUTION_KINDS, { message: `kind must be one of ${INSTITUTION_KINDS.join(', ')}` })
  kind: InstitutionKind;
}

export class DeclareDisclosureDto {
  @FiscalYear()
  fiscalYear: number;
}

export class InstitutionListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  district?: string;

  @IsOptional()
  @IsIn(INSTITUTION_KINDS, { message: `kind must be one of ${INSTITUTION_KINDS.join(', ')}` })
  kind?: string;

  /** Only institutions that declared this fiscal year fully disclosed. */
  @IsOptional()
  @Type(() => Number)
  @FiscalYear()
  disclosedIn?: number;
}
