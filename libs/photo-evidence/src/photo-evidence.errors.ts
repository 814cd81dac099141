import { DomainError, ValidationFailedError } from '@app/domain-kernel';

/** A photo part over PHOTO_MAX_BYTES, or a picture of more pixels than a photo is decoded at. */
export class PhotoTooLargeError extends DomainError {
  readonly httpStatus = 413;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('photo_too_large', message, details);
  }
}

/** A part that is no JPEG, PNG, WebP or HEIC by its content, whatever its name or Content-Type says. */
export class UnsupportedPhotoError extends DomainError {
  readonly httpStatus = 415;
  constructor(part: string, found: string) {
    super('unsupported_photo', `${part} is ${found}, not a JPEG, PNG, WebP or HEIC photo (judged by its content)`, {
      field: part,
      found,
    });
  }
}

/** A part that has a photo's first bytes but does not decode as one (truncated, corrupt, or a disguised file). */
export class UndecodablePhotoError extends DomainError {
  readonly httpStatus = 422;
  constructor(part: string, mediaType: string, reason: string) {
    super('undecodable_photo', `${part} starts as ${mediaType} but does not decode as one: ${reason}`, {
      field: part,
      mediaType,
    });
  }
}

/** More photo parts than PHOTO_MAX_COUNT: the request's shape is wrong, so it is a 400 like any bad field. */
export const tooManyPhotos = (max: number) =>
  new ValidationFailedError('photos', `at most ${max} photos may be sent with one request (PHOTO_MAX_COUNT)`);
