import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class MapQueryDto {
  @Type(() => Number)
  @IsInt({ message: 'fiscalYear must be a year' })
  @Min(2000, { message: 'fiscalYear must be a year from 2000' })
  @Max(2100, { message: 'fiscalYear must be a year up to 2100' })
  fiscalYear: number;
}
