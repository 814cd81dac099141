import { LocationDto, NestedObject, PageQueryDto } from '@app/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { DEFECT_TYPES, type DefectType, IsRfc3339DateTime, OFFENDER_CATEGORIES_V1 } from '@app/contracts';
import type { OffenderCategory } from '../domain/raid.types';

export class PlanRaidDto {
  @IsString()
  @Length(1, 200)
  title: string;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsRfc3339DateTime({
    message: 'plannedFor must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00',
  })
  plannedFor: string;
}

export class ConductRaidDto {
  @IsArray()
  @ArrayMinSize(1, { message: 'participants must name at least one participant' })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  participants: string[];
}

export class RecordDefectDto {
  @IsDefined()
  @NestedObject(() => LocationDto)
  location: LocationDto;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  district?: string;

  @IsString()
  @Length(1, 300)
  address: string;

  @IsIn(DEFECT_TYPES, { message: `defectType must be one of ${DEFECT_TYPES.join(', ')}` })
  defectType: DefectType;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;
}

export class RecordOffenceDto {
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'offenceType must be an offence type code such as truck_overload' })
  offenceType: string;

  @IsIn(OFFENDER_CATEGORIES_V1, { message: `offenderCategory must be one of ${OFFENDER_CATEGORIES_V1.join(', ')}` })
  offenderCategory: OffenderCategory;

  @IsString()
  @Length(1, 300)
  offenderName: string;

  /** Personal data: hashed before it is stored or published. */
  @ValidateIf(
    (o) => o.offenderCategory === 'individual' || o.offenderCategory === 'official' || o.offenderIin !== undefined,
  )
  @Matches(/^\d{12}$/, { message: 'offenderIin must be a 12-digit IIN' })
  offenderIin?: string;

  @IsOptional()
  @Matches(/^\d{12}$/, { message: 'offenderBin must be a 12-digit BIN' })
  offenderBin?: string;

  @IsOptional()
  @Matches(/^[A-Z0-9]{4,10}$/, { message: 'vehiclePlate must be a plate number such as 123ABC08' })
  vehiclePlate?: string;

  @IsString()
  @Length(1, 300)
  place: string;

  @IsRfc3339DateTime({
    message: 'committedAt must be an RFC 3339 date-time with its zone, e.g. 2020-03-01T12:00:00+05:00',
  })
  committedAt: string;

  /** At least one item, or uploaded photos (the controller checks both together: the DTO cannot see the photos). */
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  evidence?: string[];
}

export class CloseRaidDto {
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  summary?: string;
}

export class RaidListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(['planned', 'conducted', 'closed'])
  status?: string;

  @IsOptional()
  @IsString()
  district?: string;
}
