import { Controller, Get, Headers, InternalServerErrorException, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiNotModifiedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { STORED_PHOTO_TYPES } from '@app/contracts';
import { mustExist } from '@app/domain-kernel';
import { JsonLogger, Public } from '@app/platform';
import { EvidencePhotoStore, TamperedPhotoError } from './evidence-photos.queries';

/** A photo never changes under its name: a year is the longest RFC 9111 §5.2.2.1 asks caches to keep it. */
export const PHOTO_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * Photo evidence by its SHA-256. Public: the hash is the capability (it is in the events, which are public), and
 * the stored copy carries no EXIF, GPS or other metadata. Its bytes are hashed again as they are read, so a photo
 * altered in the table is refused, not served under the name the hash chains vouch for.
 */
@Controller('photos')
export class PhotosController {
  constructor(
    private readonly photos: EvidencePhotoStore,
    private readonly logger: JsonLogger,
  ) {}

  @Public()
  @Get(':sha256')
  @ApiOkResponse({
    description: 'The photo as stored (metadata stripped); HEIC uploads are stored and served as JPEG.',
    content: Object.fromEntries(
      STORED_PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiNotModifiedResponse({ description: 'If-None-Match named this photo: the copy the caller has is the photo.' })
  async one(
    @Param('sha256') sha256: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    const photo = mustExist(await this.find(sha256), 'Photo', sha256);
    response.setHeader('ETag', `"${photo.sha256}"`);
    response.setHeader('Cache-Control', PHOTO_CACHE_CONTROL);
    if (ifNoneMatch !== undefined && matches(ifNoneMatch, photo.sha256)) {
      response.status(304);
      return undefined;
    }
    return new StreamableFile(photo.bytes, { type: photo.mediaType, length: photo.bytes.length });
  }

  private async find(sha256: string) {
    try {
      return await this.photos.find(sha256);
    } catch (error) {
      if (!(error instanceof TamperedPhotoError)) throw error;
      this.logger.error(error.message, 'PhotosController');
      throw new InternalServerErrorException(
        `Photo ${sha256} failed its integrity check: its stored bytes no longer hash to its name, so they are not served`,
      );
    }
  }
}

/** RFC 9110 §13.1.2: `*`, or a list of entity tags compared weakly (a W/ prefix does not matter). */
const matches = (header: string, sha256: string) =>
  header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === `"${sha256}"`);
