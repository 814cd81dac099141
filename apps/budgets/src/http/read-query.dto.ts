import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class AsOfQueryDto {
  @IsOptional()
  @IsString()
  asOf?: string;
}

export class MapQueryDto {
  @Type(() => Number)
  @IsInt({ message: 'fiscalYear must be a year' })
  @Min(2000, { message: 'fiscalYear must be a year from 2000' })
  @Max(2100, { message: 'fiscalYear must be a year up to 2100' })
  fiscalYear: number;
}
