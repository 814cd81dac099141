import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { OptionalPhotoEvidence, PhotoEvidenceV1 } from '../photo-evidence.contract';
import { DEFECT_TYPES, GeoPointV1, type DefectType } from '../shared-values';

/** monitoring.events DefectFound v1: a raid recorded a road defect; it becomes (or joins) a road case. */
export class DefectFoundV1 {
  @IsUUID()
  raidId: string;

  @IsUUID()
  defectId: string;

  @ValidateNested()
  @Type(() => GeoPointV1)
  location: GeoPointV1;

  @IsString()
  @Length(1, 100)
  district: string;

  @IsString()
  @Length(1, 300)
  address: string;

  @IsIn(DEFECT_TYPES)
  defectType: DefectType;

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  description?: string;

  /** Photos of the defect (GET /photos/{sha256} on monitoring); absent when none were uploaded. */
  @OptionalPhotoEvidence()
  photoEvidence?: PhotoEvidenceV1[];
}
