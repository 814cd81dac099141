import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import { MAX_PHOTO_PIXELS, stripPhoto } from './photo-strip';

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '42/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 22/1 0/1' };

/** A JPEG as a phone writes one: camera EXIF, GPS, orientation 6 (turn 90° clockwise to view). */
const phoneJpeg = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: '#3c78c8' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'PhoneMaker', Model: 'P1' }, IFD3: GPS })
    .toBuffer();

/** Whether the bytes hold an APP1 Exif segment (FF E1 .. "Exif\0\0"): the metadata, found without any parser. */
const hasExifSegment = (bytes: Buffer) => bytes.indexOf(Buffer.from('Exif\0\0', 'latin1')) >= 0;

describe('stripPhoto', () => {
  it('stores a JPEG without its EXIF and GPS, turned as its orientation said, named by its hash', async () => {
    const sent = await phoneJpeg();
    // The fixture does carry what must go: sharp and an independent parser (exifr) both find it.
    expect(await sharp(sent).metadata()).toMatchObject({ exif: expect.any(Buffer), orientation: 6 });
    expect(await exifr.gps(sent)).toMatchObject({ latitude: 42.9, longitude: expect.closeTo(71.3667, 3) });
    expect(hasExifSegment(sent)).toBe(true);

    const stored = await stripPhoto('photos[0]', sent, 'image/jpeg');
    expect(stored).toMatchObject({ mediaType: 'image/jpeg', receivedAs: 'image/jpeg', width: 20, height: 40 });
    expect(stored.sha256).toBe(createHash('sha256').update(stored.bytes).digest('hex'));
    expect(stored.byteSize).toBe(stored.bytes.length);
    const metadata = await sharp(stored.bytes).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 20, height: 40 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(await exifr.parse(stored.bytes, true)).toBeUndefined();
    expect(hasExifSegment(stored.bytes)).toBe(false);
  });

  it('keeps PNG and WebP in their format, their metadata gone', async () => {
    const base = sharp({ create: { width: 12, height: 9, channels: 4, background: '#10a05080' } }).withExif({
      IFD3: GPS,
    });
    const png = await stripPhoto('photos[0]', await base.clone().png().toBuffer(), 'image/png');
    expect(png).toMatchObject({ mediaType: 'image/png', width: 12, height: 9 });
    expect((await sharp(png.bytes).metadata()).exif).toBeUndefined();
    const webp = await stripPhoto('photos[1]', await base.clone().webp().toBuffer(), 'image/webp');
    expect(webp).toMatchObject({ mediaType: 'image/webp', receivedAs: 'image/webp', width: 12, height: 9 });
    expect((await sharp(webp.bytes).metadata()).exif).toBeUndefined();
    expect(hasExifSegment(webp.bytes)).toBe(false);
  });

  it('the same photo gives the same stored bytes, so the same name', async () => {
    const sent = await phoneJpeg();
    const [a, b] = [await stripPhoto('p', sent, 'image/jpeg'), await stripPhoto('p', sent, 'image/jpeg')];
    expect(a.sha256).toBe(b.sha256);
  });

  it('decodes a real HEIC (made by heif-enc) and stores it as JPEG, saying what it came as', async () => {
    const stored = await stripPhoto('photos[0]', readFileSync('test/fixtures/photos/pothole-96x64.heic'), 'image/heic');
    expect(stored).toMatchObject({ mediaType: 'image/jpeg', receivedAs: 'image/heic', width: 96, height: 64 });
    expect(await sharp(stored.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 96, height: 64 });
    expect(hasExifSegment(stored.bytes)).toBe(false);
  });

  it('refuses, naming the part, a file that starts like a photo but does not decode (422)', async () => {
    const jpeg = await phoneJpeg();
    for (const [bytes, type] of [
      [jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg'],
      [Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('just text after a JPEG signature')]), 'image/jpeg'],
      [readFileSync('test/fixtures/photos/pothole-96x64.heic').subarray(0, 300), 'image/heic'],
    ] as const) {
      await expect(stripPhoto('photos[2]', bytes, type)).rejects.toMatchObject({
        httpStatus: 422,
        code: 'undecodable_photo',
        details: { field: 'photos[2]' },
      });
    }
  });

  it('refuses a picture of more pixels than a photo is decoded at, before decoding it (413)', async () => {
    // 8000×8000 of one colour compresses to a few kilobytes, but would decode to 256 MB.
    const bomb = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#000' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(8000 * 8000).toBeGreaterThan(MAX_PHOTO_PIXELS);
    await expect(stripPhoto('photos[0]', bomb, 'image/png')).rejects.toMatchObject({
      httpStatus: 413,
      code: 'photo_too_large',
    });
  });
});
