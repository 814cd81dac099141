import { IsRfc3339DateTime, OFFENDER_CATEGORIES_V1 } from '@app/contracts';
import { MAX_TIYN, NestedObject, OptionalQueryInt, PageQueryDto } from '@app/platform';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { APPEAL_DECISIONS, type AppealDecision, type OffenderCategory } from '../domain/fine.types';
import { MCI_PURPOSES, type MciPurpose } from '../domain/mci';

export class OffenderDto {
  @IsIn(OFFENDER_CATEGORIES_V1, { message: `offender.category must be one of ${OFFENDER_CATEGORIES_V1.join(', ')}` })
  category: OffenderCategory;

  @IsString()
  @Length(1, 300)
  name: string;

  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'offender.iin must be a 12-digit IIN' })
  iin?: string;

  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'offender.bin must be a 12-digit BIN' })
  bin?: string;

  @IsOptional()
  @IsString()
  @Length(1, 20)
  vehiclePlate?: string;
}

export class IssueFineDto {
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'offenceType must be an offence type of GET /offence-types' })
  offenceType: string;

  @IsDefined()
  @NestedObject(() => OffenderDto)
  offender: OffenderDto;

  @IsRfc3339DateTime({
    message: 'committedAt must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00',
  })
  committedAt: string;

  @IsString()
  @Length(1, 300)
  place: string;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsOptional()
  @IsUUID(undefined, { message: 'raidId must be a raid id (uuid)' })
  raidId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  caseId?: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  evidence: string[];
}

export class PaymentDto {
  @IsInt({ message: 'amountTiyn must be a whole number of tiyn' })
  @Min(1, { message: 'amountTiyn must be positive' })
  @Max(MAX_TIYN, { message: `amountTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  amountTiyn: number;

  /** The payment channel's own reference; a retried payment with the same id is refused by the stream's version. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  paymentId?: string;

  /** When the payment channel took the money (defaults to now); never in the future. */
  @IsOptional()
  @IsRfc3339DateTime({ message: 'paidAt must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00' })
  paidAt?: string;
}

export class AppealDto {
  @IsString()
  @Length(1, 2000)
  reason: string;
}

export class DecideAppealDto {
  @IsIn(APPEAL_DECISIONS, { message: `decision must be one of ${APPEAL_DECISIONS.join(', ')}` })
  decision: AppealDecision;

  @IsOptional()
  @IsInt({ message: 'newAmountTiyn must be a whole number of tiyn' })
  @Min(1, { message: 'newAmountTiyn must be positive' })
  @Max(MAX_TIYN, { message: `newAmountTiyn must be at most ${MAX_TIYN} tiyn (2^53 - 1)` })
  newAmountTiyn?: number;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  reason?: string;
}

export class FineListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['issued', 'appealed', 'paid', 'cancelled', 'overdue', 'enforcement'])
  status?: string;

  @IsOptional()
  @Matches(/^[a-z0-9_]{1,60}$/)
  offenceType?: string;

  @IsOptional()
  @IsIn(OFFENDER_CATEGORIES_V1)
  offenderCategory?: string;

  @IsOptional()
  @IsUUID()
  raidId?: string;

  @OptionalQueryInt(2000, 2100)
  year?: number;
}

export class OverdueSweepDto {
  @IsOptional()
  @IsRfc3339DateTime({ message: 'asOf must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00' })
  asOf?: string;
}

export class MciQueryDto {
  @IsOptional()
  @IsIn(MCI_PURPOSES, { message: `purpose must be one of ${MCI_PURPOSES.join(', ')}` })
  purpose?: MciPurpose;
}
