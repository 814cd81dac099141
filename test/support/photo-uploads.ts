import sharp from 'sharp';

/** What a phone sends: a JPEG with camera EXIF and the place it was taken (GPS), turned by its orientation tag. */
export const phoneJpeg = (colour = '#3c78c8', width = 40, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneMaker', Model: 'P1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '42/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 22/1 0/1' },
    })
    .toBuffer();

export const plainPng = (colour = '#10a050') =>
  sharp({ create: { width: 12, height: 9, channels: 3, background: colour } })
    .png()
    .toBuffer();

/** A file of a multipart form: its bytes, its file name and (else guessed by the server) its media type. */
export interface PhotoUpload {
  bytes: Buffer;
  name: string;
  type?: string;
}

/** A multipart body: the command's JSON in `body`, each file a `photos` part under the name given. */
export function photoForm(body: unknown, files: PhotoUpload[] = []): FormData {
  const form = new FormData();
  form.append('body', typeof body === 'string' ? body : JSON.stringify(body));
  for (const file of files)
    form.append('photos', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'image/jpeg' }), file.name);
  return form;
}

export interface PostedForm {
  status: number;
  body: any;
}

/** POSTs a multipart form (fetch sets its boundary); JSON answer parsed. */
export async function postForm(url: string, form: FormData, headers: Record<string, string> = {}): Promise<PostedForm> {
  const response = await fetch(url, { method: 'POST', body: form, headers, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Whether the bytes hold an APP1 Exif segment's marker: metadata, found without any parser. */
export const hasExifSegment = (bytes: Buffer) => bytes.indexOf(Buffer.from('Exif\0\0', 'latin1')) >= 0;
