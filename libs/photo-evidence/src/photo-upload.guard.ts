import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { ValidationFailedError } from '@app/domain-kernel';
import { IDEMPOTENCY_CONTENT, MULTIPART_BODY_PART, MULTIPART_FILES_PART } from '@app/platform';
import { PHOTO_EVIDENCE_CONFIG, type PhotoEvidenceConfig } from './photo-evidence.config';
import { PhotoTooLargeError, tooManyPhotos, UnsupportedPhotoError } from './photo-evidence.errors';
import { sniffPhoto } from './photo-format';
import { type StrippedPhoto, stripPhoto } from './photo-strip';

/** The multipart part holding the command's JSON body, and the parts holding photos (as the OpenAPI documents say). */
export const BODY_PART = MULTIPART_BODY_PART;
export const PHOTOS_PART = MULTIPART_FILES_PART;
/** The JSON part is a command body, never a file: 1 MiB is far beyond any this project takes. */
const MAX_BODY_PART_BYTES = 1024 * 1024;

/** Where the guard leaves the request's photos, stripped and named, for @PhotoUploads(). */
export const PHOTO_UPLOADS = Symbol('photoUploads');
export type PhotoUploadRequest = Request & { [PHOTO_UPLOADS]?: StrippedPhoto[] };

/**
 * Takes a route's body as JSON (unchanged) or as multipart/form-data: a part `body` with the JSON and up to
 * PHOTO_MAX_COUNT parts `photos`, each at most PHOTO_MAX_BYTES. Each photo is judged by its content (sniffPhoto),
 * stripped of its metadata and named by its hash (stripPhoto), and the JSON part becomes the request's body, so the
 * route's ValidationPipe checks it like any JSON body. Refusals: too large 413, too many 400, not a photo 415, a
 * photo that does not decode 422, a missing or malformed JSON part 400.
 *
 * A guard, not an interceptor (as Nest's FileInterceptor is), because it must run before the global interceptors:
 * Idempotency-Key hashes the request there, and a multipart body is only known once parsed. It runs after the route's
 * other guards (authentication, a report's rate limit), so a refused caller costs no decoding. Photos are not stored
 * here: the command stores them with its events (EvidencePhotoStore.store, `alongside`), or not at all.
 */
@Injectable()
export class PhotoUploadGuard implements CanActivate {
  private readonly parse: (request: Request, response: Response) => Promise<void>;

  constructor(@Inject(PHOTO_EVIDENCE_CONFIG) private readonly config: PhotoEvidenceConfig) {
    const handler = multer({
      storage: multer.memoryStorage(),
      // One file part over the photos allowed is still counted (as "too many"); busboy stops reading past these.
      limits: {
        fileSize: config.maxBytes,
        files: config.maxCount + 1,
        fields: 1,
        fieldSize: MAX_BODY_PART_BYTES,
        parts: config.maxCount + 2,
      },
    }).any();
    this.parse = (request, response) =>
      new Promise((done, fail) => handler(request, response, (error?: unknown) => (error ? fail(error) : done())));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PhotoUploadRequest>();
    if (!request.is('multipart/form-data')) {
      request[PHOTO_UPLOADS] = [];
      return true;
    }
    // body-parser left a multipart body unread; Express 5 leaves req.body undefined then, and multer fills it.
    await this.parse(request, context.switchToHttp().getResponse<Response>()).catch((error: unknown) => {
      throw this.refusal(error);
    });
    const files = (request.files ?? []) as Express.Multer.File[];
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const unexpected = [...files.map((f) => f.fieldname), ...Object.keys(fields)].find(
      (name) => name !== BODY_PART && name !== PHOTOS_PART,
    );
    if (unexpected !== undefined)
      throw new ValidationFailedError(
        unexpected,
        `a multipart request has only the parts body and photos, not ${unexpected}`,
      );
    const photos = files.filter((f) => f.fieldname === PHOTOS_PART);
    if (photos.length > this.config.maxCount) throw tooManyPhotos(this.config.maxCount);
    const body = parseBodyPart(
      fields[BODY_PART],
      files.find((f) => f.fieldname === BODY_PART),
    );
    // Sniffed and stripped one after another: a request holds at most one decoded picture at a time.
    const stripped: StrippedPhoto[] = [];
    for (const [index, file] of photos.entries()) {
      const part = `photos[${index}]`;
      const sniffed = sniffPhoto(file.buffer);
      if (sniffed.kind === 'other') throw new UnsupportedPhotoError(part, sniffed.found);
      stripped.push(await stripPhoto(part, file.buffer, sniffed.mediaType));
    }
    request.body = body;
    // The same picture twice is one piece of evidence.
    request[PHOTO_UPLOADS] = stripped.filter((p, i) => stripped.findIndex((q) => q.sha256 === p.sha256) === i);
    (request as { [IDEMPOTENCY_CONTENT]?: unknown })[IDEMPOTENCY_CONTENT] = {
      body,
      photos: photos.map((f) => createHash('sha256').update(f.buffer).digest('hex')),
    };
    return true;
  }

  private refusal(error: unknown): Error {
    if (!(error instanceof MulterError)) {
      const message = error instanceof Error ? error.message : String(error);
      return new ValidationFailedError('body', `the multipart body could not be read: ${message}`);
    }
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new PhotoTooLargeError(
          `${error.field ?? 'a part'} is larger than ${this.config.maxBytes} bytes (PHOTO_MAX_BYTES)`,
          { field: error.field, maxBytes: this.config.maxBytes },
        );
      case 'LIMIT_FILE_COUNT':
        return tooManyPhotos(this.config.maxCount);
      case 'LIMIT_FIELD_VALUE':
        return new PhotoTooLargeError(`the body part is larger than ${MAX_BODY_PART_BYTES} bytes`, { field: 'body' });
      default:
        return new ValidationFailedError(
          error.field ?? 'body',
          `a multipart request has one part body (JSON) and up to ${this.config.maxCount} parts photos: ${error.message}`,
        );
    }
  }
}

/** The JSON part, sent as a plain field or as a file part (curl -F 'body=@report.json;type=application/json'). */
function parseBodyPart(field: unknown, file: Express.Multer.File | undefined): Record<string, unknown> {
  const text = typeof field === 'string' ? field : file?.buffer.toString('utf8');
  if (text === undefined)
    throw new ValidationFailedError(BODY_PART, 'a multipart request carries its JSON body in a part named body');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ValidationFailedError(BODY_PART, `the body part is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ValidationFailedError(BODY_PART, 'the body part must be a JSON object');
  return parsed as Record<string, unknown>;
}
