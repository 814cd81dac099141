import { IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { OptionalPhotoEvidence, PhotoEvidenceV1 } from '../photo-evidence.contract';
import { IsRfc3339DateOrDateTime } from '../rfc3339.validator';

// monitoring.events, v1 of each public raid event (DefectFound is DefectFoundV1).

export const OFFENDER_CATEGORIES_V1 = [
  'individual',
  'official',
  'small_business',
  'medium_business',
  'large_business',
] as const;

export class RaidPlannedV1 {
  @IsUUID() raidId: string;
  @IsString() @Length(1, 200) title: string;
  @IsString() @Length(1, 100) district: string;
  @IsRfc3339DateOrDateTime() plannedFor: string;
  @IsString() plannedBy: string;
}

export class RaidConductedV1 {
  @IsArray() @IsString({ each: true }) participants: string[];
  @IsRfc3339DateOrDateTime() conductedAt: string;
}

/** A personal-data key id (PERSONAL_DATA_KEY_ID), carried beside each keyed digest made under it. */
export const KEY_ID_V1 = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * monitoring.events OffenceRecorded v2: a raid recorded an offence; fines issues a fine for it. No personal data:
 * the offender's name, IIN and plate stay in monitoring's personal-data record of the offence (GET
 * /raids/{raidId}/offences/{offenceId}/offender, for the roles that may read it); the IIN travels only as its
 * HMAC-SHA256 under the personal-data key the key id names, which only holders of that key can compute. (v1
 * carried the name, the plate and an unkeyed SHA-256 of the IIN, which anyone could reverse.)
 */
export class OffenceRecordedV2 {
  @IsUUID() raidId: string;
  @IsUUID() offenceId: string;
  @Matches(/^[a-z0-9_]{1,60}$/) offenceType: string;
  @IsIn(OFFENDER_CATEGORIES_V1) offenderCategory: (typeof OFFENDER_CATEGORIES_V1)[number];
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) offenderIinHmacSha256: string | null;
  @IsOptional() @Matches(KEY_ID_V1) offenderIinKeyId: string | null;
  @IsOptional() @Matches(/^\d{12}$/) offenderBin: string | null;
  @IsString() @Length(1, 300) place: string;
  @IsRfc3339DateOrDateTime() committedAt: string;
  @IsArray() @IsString({ each: true }) evidence: string[];
  /** Photos of the offence (GET /photos/{sha256} on monitoring); absent when none were uploaded. */
  @OptionalPhotoEvidence()
  photoEvidence?: PhotoEvidenceV1[];
}

export class RaidClosedV1 {
  @IsString() summary: string;
  @IsRfc3339DateOrDateTime() closedAt: string;
  @IsInt() @Min(0) defectsFound: number;
  @IsInt() @Min(0) offencesRecorded: number;
}
