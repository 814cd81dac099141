import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';

export class RoadSegmentV1 {
  @IsString()
  @Length(1, 200)
  roadName: string;

  @IsNumber()
  @Min(0)
  fromKm: number;

  @IsNumber()
  @Min(0)
  toKm: number;
}

/** budgets.events ContractSigned v1: who repairs which road, for how much, and until when under warranty. */
export class ContractSignedV1 {
  @IsUUID()
  contractId: string;

  @IsString()
  programmeId: string;

  @Matches(/^\d{12}$/)
  contractorBin: string;

  @IsString()
  @Length(1, 300)
  contractorName: string;

  @ValidateNested()
  @Type(() => RoadSegmentV1)
  roadSegment: RoadSegmentV1;

  @IsInt()
  @Min(0)
  amountTiyn: number;

  @IsRfc3339DateOrDateTime()
  signedAt: string;

  @IsInt()
  @Min(0)
  warrantyMonths: number;

  @IsRfc3339DateOrDateTime()
  warrantyEndsAt: string;
}
