import { PageQueryDto } from '@app/platform';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { INSTITUTION_KINDS, type InstitutionKind } from '../domain/budget.types';

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
  @IsInt({ message: 'fiscalYear must be a year' })
  @Min(2000, { message: 'fiscalYear must be a year from 2000' })
  @Max(2100, { message: 'fiscalYear must be a year up to 2100' })
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
  @IsInt({ message: 'disclosedIn must be a year' })
  @Min(2000, { message: 'disclosedIn must be a year from 2000' })
  @Max(2100, { message: 'disclosedIn must be a year up to 2100' })
  disclosedIn?: number;
}
