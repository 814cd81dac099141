import { IsDefined, IsIn, IsString, Length } from 'class-validator';
import { DEFECT_TYPES, type DefectType } from '@app/contracts';
import { LocationDto } from './location.dto';
import { NestedObject } from './nested-object.decorator';

/**
 * Where a road defect is and what it is, as a request body states it: a citizen's report (monitoring) and an
 * inspector's case (road-cases) take the same four fields with the same checks and messages.
 */
export class DefectPlaceDto {
  @IsDefined()
  @NestedObject(() => LocationDto)
  location: LocationDto;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsString()
  @Length(1, 300)
  address: string;

  @IsIn(DEFECT_TYPES, { message: `defectType must be one of ${DEFECT_TYPES.join(', ')}` })
  defectType: DefectType;
}
