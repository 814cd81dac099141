import { ValidationFailedError } from '@app/domain-kernel';

/** If-Match: "3" or W/"3" (or a bare 3) → 3; absent → undefined; anything else is a 400 naming the header. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^(?:W\/)?(?:"(\d+)"|(\d+))$/.exec(header.trim());
  const version = match ? Number(match[1] ?? match[2]) : NaN;
  if (!match || version < 1 || !Number.isSafeInteger(version))
    throw new ValidationFailedError(
      'If-Match',
      'If-Match must carry a stream version such as "3" (the ETag of a read)',
    );
  return version;
}

/** The ETag a read or a command returns, for the next If-Match. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}
