import { Type } from 'class-transformer';
import { IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

/** What a stored photo is kept as: HEIC arrives, but is stored (and served) as JPEG, which every browser shows. */
export const STORED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type StoredPhotoType = (typeof STORED_PHOTO_TYPES)[number];

/** What a photo arrived as, by its content (never by its name or the client's Content-Type). */
export const RECEIVED_PHOTO_TYPES = [...STORED_PHOTO_TYPES, 'image/heic'] as const;
export type ReceivedPhotoType = (typeof RECEIVED_PHOTO_TYPES)[number];

/** One photo as an event carries it: the stored copy's SHA-256 is its name, so the hash chain covers the photo. */
export interface PhotoEvidence {
  /** SHA-256 (hex) of the stored bytes: EXIF, GPS and every other metadata stripped. */
  sha256: string;
  mediaType: StoredPhotoType;
  receivedAs: ReceivedPhotoType;
  byteSize: number;
  width: number;
  height: number;
}

/**
 * A photo in an event payload (ReportSubmitted's road part, DefectFound, OffenceRecorded, RepairReported), as an
 * optional `photoEvidence` list: events recorded before photo uploads simply have none. The bytes are served at
 * GET /photos/{sha256} by the service that recorded the event.
 */
export class PhotoEvidenceV1 implements PhotoEvidence {
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
  @IsIn(STORED_PHOTO_TYPES) mediaType: StoredPhotoType;
  @IsIn(RECEIVED_PHOTO_TYPES) receivedAs: ReceivedPhotoType;
  @IsInt() @Min(1) byteSize: number;
  @IsInt() @Min(1) @Max(100_000) width: number;
  @IsInt() @Min(1) @Max(100_000) height: number;
}

/**
 * The optional `photoEvidence?: PhotoEvidenceV1[]` of an event's contract: absent, or a list each of whose photos is
 * validated (and transformed) as a PhotoEvidenceV1. The rules of the four decorators it stands for, in their order.
 */
export function OptionalPhotoEvidence(): PropertyDecorator {
  const rules = [IsOptional(), IsArray(), ValidateNested({ each: true }), Type(() => PhotoEvidenceV1)];
  // TypeScript applies a property's decorators from the last listed to the first: so do these.
  return (target, property) => {
    for (const rule of [...rules].reverse()) rule(target, property);
  };
}
