import { IsRfc3339Date } from '@app/contracts';
import { NestedObject, PageQueryDto } from '@app/platform';
import { IsDefined, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { Tiyn } from './field-rules';

export class RoadSegmentDto {
  @IsString()
  @Length(1, 200)
  roadName: string;

  @IsNumber({}, { message: 'roadSegment.fromKm must be a number of km' })
  @Min(0, { message: 'roadSegment.fromKm must not be negative' })
  fromKm: number;

  @IsNumber({}, { message: 'roadSegment.toKm must be a number of km' })
  @Min(0, { message: 'roadSegment.toKm must not be negative' })
  toKm: number;
}

export class SignContractDto {
  @IsUUID(undefined, { message: 'programmeId must be a programme id (uuid)' })
  programmeId: string;

  @Matches(/^\d{12}$/, { message: 'contractorBin must be a 12-digit BIN' })
  contractorBin: string;

  @IsString()
  @Length(1, 300)
  contractorName: string;

  @IsString()
  @Length(1, 1000)
  subject: string;

  @IsDefined()
  @NestedObject(() => RoadSegmentDto)
  roadSegment: RoadSegmentDto;

  @Tiyn(1)
  amountTiyn: number;

  @IsRfc3339Date({ message: 'signedAt must be a calendar date YYYY-MM-DD' })
  signedAt: string;

  @IsInt({ message: 'warrantyMonths must be a whole number of months' })
  @Min(0, { message: 'warrantyMonths must not be negative' })
  @Max(240, { message: 'warrantyMonths must be at most 240' })
  warrantyMonths: number;
}

export class RecordPaymentDto {
  @Tiyn(1)
  amountTiyn: number;

  @IsRfc3339Date({ message: 'paidOn must be a calendar date YYYY-MM-DD' })
  paidOn: string;

  @IsString()
  @Length(1, 1000)
  description: string;
}

export class ContractListQueryDto extends PageQueryDto {
  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'contractor must be a 12-digit BIN' })
  contractor?: string;

  @IsOptional()
  @IsString()
  programme?: string;
}
