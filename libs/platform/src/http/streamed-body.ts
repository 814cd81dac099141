import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

/**
 * An answer written to the client as it is produced (page by page from the database), never whole in memory. The
 * stream is pulled as the client reads, so a slow client holds back the next page instead of filling memory, and
 * holds no database connection between pages. `T` is what the bytes are (a string: text; an object: the JSON of
 * one), for the OpenAPI document (scripts/openapi/route-response-schemas.ts reads it), never checked at run time.
 * A failure after the first bytes aborts the response (Nest destroys it): a cut file is never sent as complete.
 */
export class StreamedBody<T> extends StreamableFile {
  declare private readonly shape?: T;
}

export interface StreamedBodyOptions {
  /** Content-Type, with its charset. */
  type: string;
  /** Content-Disposition, for a file to save. */
  disposition?: string;
}

/**
 * The chunks as a streamed answer. The first chunk is produced before the answer is returned, so a failure there
 * (the database unreachable) is the ordinary error answer, not a broken transfer.
 */
export async function streamedBody<T>(
  chunks: AsyncIterable<string>,
  options: StreamedBodyOptions,
): Promise<StreamedBody<T>> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  async function* all(): AsyncGenerator<string> {
    try {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // A client gone mid-way destroys the stream: the source stops where it is.
      await iterator.return?.();
    }
  }
  return new StreamedBody<T>(Readable.from(all(), { objectMode: false }), options);
}
