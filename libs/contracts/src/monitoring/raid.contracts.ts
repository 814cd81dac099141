import { createHash } from 'node:crypto';
import { IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';

// monitoring.events, v1 of each public raid event (DefectFound is DefectFoundV1).

export const OFFENDER_CATEGORIES_V1 = [
  'individual',
  'official',
  'small_business',
  'medium_business',
  'large_business',
] as const;

/**
 * The offender's IIN is personal data: only its sha256 is stored and published (offenderIinSha256), never the IIN
 * itself. Shared so monitoring and fines digest an IIN identically.
 */
export function iinDigest(iin: string): string {
  return createHash('sha256').update(iin).digest('hex');
}

export class RaidPlannedV1 {
  @IsUUID() raidId: string;
  @IsString() @Length(1, 200) title: string;
  @IsString() @Length(1, 100) district: string;
  @IsISO8601({ strict: true }) plannedFor: string;
  @IsString() plannedBy: string;
}

export class RaidConductedV1 {
  @IsArray() @IsString({ each: true }) participants: string[];
  @IsISO8601({ strict: true }) conductedAt: string;
}

/**
 * monitoring.events OffenceRecorded v1: a raid recorded an offence; fines issues a fine for it. The offender's IIN
 * is never published in clear: only its sha256 (hex), which a holder of the IIN can match.
 */
export class OffenceRecordedV1 {
  @IsUUID() raidId: string;
  @IsUUID() offenceId: string;
  @Matches(/^[a-z0-9_]{1,60}$/) offenceType: string;
  @IsIn(OFFENDER_CATEGORIES_V1) offenderCategory: (typeof OFFENDER_CATEGORIES_V1)[number];
  @IsString() @Length(1, 300) offenderName: string;
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) offenderIinSha256: string | null;
  @IsOptional() @Matches(/^\d{12}$/) offenderBin: string | null;
  @IsOptional() @IsString() vehiclePlate: string | null;
  @IsString() @Length(1, 300) place: string;
  @IsISO8601({ strict: true }) committedAt: string;
  @IsArray() @IsString({ each: true }) evidence: string[];
}

export class RaidClosedV1 {
  @IsString() summary: string;
  @IsISO8601({ strict: true }) closedAt: string;
  @IsInt() @Min(0) defectsFound: number;
  @IsInt() @Min(0) offencesRecorded: number;
}
