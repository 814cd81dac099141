import { Type } from 'class-transformer';
import { FiscalYear } from './field-rules';

export class MapQueryDto {
  @Type(() => Number)
  @FiscalYear()
  fiscalYear: number;
}
