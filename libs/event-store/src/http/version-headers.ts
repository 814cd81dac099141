import { answerHeaders } from '@app/platform';
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

/**
 * An answer that shows a stream at a version (a read of one aggregate, a command's answer): the version goes out as
 * its ETag too, for the caller's next If-Match.
 */
export function versioned<T extends { version: number }>(answer: T): T {
  answerHeaders(answer).setHeader('ETag', versionEtag(answer.version));
  return answer;
}
