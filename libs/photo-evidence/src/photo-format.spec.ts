import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { sniffPhoto } from './photo-format';

const picture = () => sharp({ create: { width: 8, height: 6, channels: 3, background: '#c83c1e' } });
const heic = readFileSync('test/fixtures/photos/pothole-96x64.heic');

/** An ISO-BMFF file starting with an ftyp box of these brands (major first). */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  const box = Buffer.alloc(size + 8);
  box.writeUInt32BE(size, 0);
  box.write('ftyp', 4, 'latin1');
  box.write(major, 8, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return box;
};

describe('sniffPhoto', () => {
  it('knows JPEG, PNG and WebP by their first bytes', async () => {
    expect(sniffPhoto(await picture().jpeg().toBuffer())).toEqual({ kind: 'photo', mediaType: 'image/jpeg' });
    expect(sniffPhoto(await picture().png().toBuffer())).toEqual({ kind: 'photo', mediaType: 'image/png' });
    expect(sniffPhoto(await picture().webp().toBuffer())).toEqual({ kind: 'photo', mediaType: 'image/webp' });
  });

  it('knows HEIC by its ftyp box, by the major brand or a compatible one', () => {
    expect(sniffPhoto(heic)).toEqual({ kind: 'photo', mediaType: 'image/heic' });
    for (const brand of ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'])
      expect(sniffPhoto(ftyp(brand))).toEqual({ kind: 'photo', mediaType: 'image/heic' });
    expect(sniffPhoto(ftyp('isom', 'mp41', 'mif1'))).toEqual({ kind: 'photo', mediaType: 'image/heic' });
  });

  it('goes by the content alone: a file has no name here, and a PNG is a PNG whatever it was called', async () => {
    // What a client calls "x.jpg" reaches the sniffer as bytes: a renamed PNG is still found to be PNG.
    const renamedPng = await picture().png().toBuffer();
    expect(sniffPhoto(renamedPng).kind === 'photo' && sniffPhoto(renamedPng)).toMatchObject({ mediaType: 'image/png' });
  });

  it('names what it found when the content is no photo', () => {
    expect(sniffPhoto(Buffer.from('not a photo at all, only text named pothole.jpg\n'))).toEqual({
      kind: 'other',
      found: 'text',
    });
    expect(sniffPhoto(Buffer.alloc(0))).toEqual({ kind: 'other', found: 'an empty file' });
    expect(sniffPhoto(Buffer.from('%PDF-1.7\n%\xe2\xe3', 'latin1'))).toEqual({
      kind: 'other',
      found: 'a PDF document',
    });
    expect(sniffPhoto(Buffer.from('GIF89a\x01\x00', 'latin1'))).toEqual({ kind: 'other', found: 'a GIF image' });
    expect(sniffPhoto(ftyp('isom', 'mp41', 'avc1'))).toEqual({
      kind: 'other',
      found: 'an ISO-BMFF file of brand isom (not HEIC)',
    });
    expect(sniffPhoto(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'))).toEqual({
      kind: 'other',
      found: 'a RIFF file of form WAVE (not WebP)',
    });
    expect(sniffPhoto(Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe]))).toEqual({
      kind: 'other',
      found: 'unknown content starting 00010203',
    });
  });

  it('refuses files cut short before their signature ends', async () => {
    const png = await picture().png().toBuffer();
    const webp = await picture().webp().toBuffer();
    expect(sniffPhoto(Buffer.from([0xff, 0xd8])).kind).toBe('other');
    expect(sniffPhoto(png.subarray(0, 7)).kind).toBe('other');
    expect(sniffPhoto(webp.subarray(0, 11)).kind).toBe('other');
    expect(sniffPhoto(heic.subarray(0, 12)).kind).toBe('other');
  });
});
