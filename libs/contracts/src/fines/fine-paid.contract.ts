import { IsInt, IsString, Length, Min } from 'class-validator';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';

/** fines.events FinePaid v1: a payment is budget revenue of the district where the fine was issued. No offender data. */
export class FinePaidV1 {
  @IsString()
  @Length(1, 100)
  fineId: string;

  @IsInt()
  @Min(1)
  amountTiyn: number;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsRfc3339DateOrDateTime()
  paidAt: string;
}
