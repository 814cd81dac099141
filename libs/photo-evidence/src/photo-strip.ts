import { createHash } from 'node:crypto';
import type decodeHeicType from 'heic-decode';
import type sharpType from 'sharp';
import type { PhotoEvidence, ReceivedPhotoType, StoredPhotoType } from '@app/contracts';
import { PhotoTooLargeError, UndecodablePhotoError } from './photo-evidence.errors';

/**
 * The most pixels a photo is decoded at (50 megapixels, beyond any phone's default picture): a small file may
 * declare a huge picture (a "pixel bomb"), and decoding it would take gigabytes, so its header is read first.
 */
export const MAX_PHOTO_PIXELS = 50_000_000;

/**
 * sharp (libvips: some 25 MB resident) and the HEIC decoder (libheif as WebAssembly) are loaded with the first photo,
 * not at start: a service run where nobody uploads one never pays their memory.
 */
let sharpLoaded: Promise<typeof sharpType> | undefined;
let heicLoaded: Promise<typeof decodeHeicType> | undefined;
const loadSharp = () => (sharpLoaded ??= import('sharp').then((m) => m.default));
const loadHeicDecoder = () => (heicLoaded ??= import('heic-decode').then((m) => m.default));

/** A photo as stored: metadata-free bytes, named by their SHA-256. */
export interface StrippedPhoto extends PhotoEvidence {
  bytes: Buffer;
}

/**
 * Decodes and re-encodes a photo, so what is stored is pixels only: the orientation EXIF named is applied first
 * (rotate()), then sharp writes the picture without EXIF, GPS, XMP, IPTC or ICC (it keeps metadata only when asked
 * with withMetadata, which this never does). JPEG, PNG and WebP keep their format; HEIC, which sharp's prebuilt
 * libvips cannot decode (no HEVC decoder), is decoded by libheif compiled to WebAssembly (heic-decode) and stored as
 * JPEG. Re-encoding also means a file that only looks like a photo never reaches the store as it came.
 * `part` names the multipart part in refusals.
 */
export async function stripPhoto(part: string, bytes: Buffer, receivedAs: ReceivedPhotoType): Promise<StrippedPhoto> {
  const sharp = await loadSharp();
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw new UndecodablePhotoError(part, receivedAs, reason(error));
    });
  if (!header.width || !header.height) throw new UndecodablePhotoError(part, receivedAs, 'it names no picture size');
  if (header.width * header.height > MAX_PHOTO_PIXELS) {
    throw new PhotoTooLargeError(
      `${part} is ${header.width}×${header.height} pixels; a photo may have at most ${MAX_PHOTO_PIXELS} pixels`,
      { field: part, width: header.width, height: header.height, maxPixels: MAX_PHOTO_PIXELS },
    );
  }
  try {
    const { data, info } = await reencoded(sharp, bytes, receivedAs).toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      sha256: createHash('sha256').update(data).digest('hex'),
      mediaType: storedAs(receivedAs),
      receivedAs,
      byteSize: data.length,
      width: info.width,
      height: info.height,
    };
  } catch (error) {
    throw new UndecodablePhotoError(part, receivedAs, reason(error));
  }
}

/** What a received format is stored as: itself, except HEIC (JPEG). */
export const storedAs = (receivedAs: ReceivedPhotoType): StoredPhotoType =>
  receivedAs === 'image/heic' ? 'image/jpeg' : receivedAs;

function reencoded(sharp: typeof sharpType, bytes: Buffer, receivedAs: ReceivedPhotoType) {
  switch (receivedAs) {
    case 'image/jpeg':
      return sharp(bytes).rotate().jpeg({ quality: 90 });
    case 'image/png':
      return sharp(bytes).rotate().png();
    case 'image/webp':
      return sharp(bytes).rotate().webp({ quality: 90 });
    case 'image/heic':
      return heicAsJpeg(sharp, bytes);
  }
}

/** libheif applies the HEIF's own rotation and mirroring (irot, imir) as it decodes, so none is left to apply. */
function heicAsJpeg(sharp: typeof sharpType, bytes: Buffer) {
  const decoded = loadHeicDecoder().then((decodeHeic) => decodeHeic({ buffer: bytes }));
  return {
    toBuffer: async (options: { resolveWithObject: true }) => {
      const { width, height, data } = await decoded;
      const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return sharp(raw, { raw: { width, height, channels: 4 } })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 90 })
        .toBuffer(options);
    },
  };
}

const reason = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 200);
