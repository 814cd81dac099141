import type { ReceivedPhotoType } from '@app/contracts';

/** The brands of an ISO-BMFF `ftyp` box that say HEIF with HEVC (or a HEIF image collection) inside. */
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type SniffedPhoto = { kind: 'photo'; mediaType: ReceivedPhotoType } | { kind: 'other'; found: string };

/**
 * What a file is by its first bytes, the only witness that cannot lie about it: a file's name and the client's
 * Content-Type are the sender's claims and are never read. JPEG starts FF D8 FF, PNG with its 8-byte signature,
 * WebP is a RIFF container of form WEBP, HEIC an ISO-BMFF file whose leading `ftyp` box names a HEIF brand (major
 * or compatible). Anything else is named by what it looks like, for the refusal.
 */
export function sniffPhoto(bytes: Buffer): SniffedPhoto {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { kind: 'photo', mediaType: 'image/jpeg' };
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return { kind: 'photo', mediaType: 'image/png' };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'photo', mediaType: 'image/webp' };
  const brands = ftypBrands(bytes);
  if (brands?.some((brand) => HEIC_BRANDS.has(brand))) return { kind: 'photo', mediaType: 'image/heic' };
  return { kind: 'other', found: describe(bytes, brands) };
}

/** The major and compatible brands of a leading `ftyp` box, or undefined when the file does not start with one. */
function ftypBrands(bytes: Buffer): string[] | undefined {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const size = Math.min(bytes.readUInt32BE(0), bytes.length);
  if (size < 16) return undefined;
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= size; at += 4) brands.push(ascii(bytes, at, at + 4));
  return brands;
}

function describe(bytes: Buffer, brands: string[] | undefined): string {
  if (bytes.length === 0) return 'an empty file';
  if (brands) return `an ISO-BMFF file of brand ${brands[0].trim() || '?'} (not HEIC)`;
  if (ascii(bytes, 0, 4) === 'RIFF') return `a RIFF file of form ${ascii(bytes, 8, 12) || '?'} (not WebP)`;
  if (ascii(bytes, 0, 4) === '%PDF') return 'a PDF document';
  if (ascii(bytes, 0, 3) === 'GIF') return 'a GIF image';
  const head = bytes.subarray(0, 512);
  if (head.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80)) return 'text';
  return `unknown content starting ${bytes.subarray(0, 4).toString('hex')}`;
}

const ascii = (bytes: Buffer, from: number, to: number) =>
  bytes.length >= to ? bytes.toString('latin1', from, to) : '';
