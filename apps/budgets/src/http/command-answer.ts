import type { Response } from 'express';
import { versionEtag } from '@app/event-store';

/** What a command returns: the stream, its new version (also as ETag, for the next If-Match), and a few state fields. */
export function answer(response: Response, result: { streamId: string; version: number }, extra: Record<string, unknown> = {}) {
  response.setHeader('ETag', versionEtag(result.version));
  return { id: result.streamId, version: result.version, ...extra };
}

export const page = (query: { page?: number; limit?: number }) => ({ page: query.page ?? 1, limit: query.limit ?? 50 });
