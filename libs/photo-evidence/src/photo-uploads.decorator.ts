import { applyDecorators, createParamDecorator, type ExecutionContext, UseGuards } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { PhotoEvidence } from '@app/contracts';
import { PHOTO_UPLOADS, PhotoUploadGuard, type PhotoUploadRequest } from './photo-upload.guard';
import type { StrippedPhoto } from './photo-strip';

/** The media type of the upload alternative, for the OpenAPI documents (describeMultipartBody). */
export const MULTIPART_FORM_DATA = 'multipart/form-data';

/**
 * A route that takes photos: its JSON body as before, or the same JSON in a multipart part `body` with photo parts
 * `photos` (PhotoUploadGuard). Put it above the route's own @UseGuards, so those run first.
 */
export const AcceptsPhotos = () =>
  applyDecorators(
    UseGuards(PhotoUploadGuard),
    // Its 413 and 415 are added with the multipart body's schema (describeMultipartBody): a response decorator here
    // would take the place of the success answer @nestjs/swagger otherwise writes.
    ApiConsumes('application/json', MULTIPART_FORM_DATA),
  );

/** The request's photos, stripped and named by their hash ([] for a JSON request). */
export const PhotoUploads = createParamDecorator(
  (_: unknown, context: ExecutionContext): StrippedPhoto[] =>
    context.switchToHttp().getRequest<PhotoUploadRequest>()[PHOTO_UPLOADS] ?? [],
);

/** What an event carries of each photo: its hash and shape, never its bytes. */
export const photoEvidence = (photos: readonly StrippedPhoto[]): PhotoEvidence[] =>
  photos.map(({ sha256, mediaType, receivedAs, byteSize, width, height }) => ({
    sha256,
    mediaType,
    receivedAs,
    byteSize,
    width,
    height,
  }));

/** A photo as a read answer shows it: where its bytes are served. */
export const photoUrl = (sha256: string) => `/photos/${sha256}`;

export type LinkedPhotoEvidence = PhotoEvidence & { url: string };

/** Evidence of an event or a read model's row, each with its URL (none recorded: undefined, as before photos). */
export const linkedPhotoEvidence = (
  evidence: readonly PhotoEvidence[] | undefined,
): LinkedPhotoEvidence[] | undefined => evidence?.map((photo) => ({ ...photo, url: photoUrl(photo.sha256) }));
