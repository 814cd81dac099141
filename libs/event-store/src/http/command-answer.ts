import { versionEtag } from './version-headers';

/**
 * What a command returns over HTTP: the stream, its new version (also as the ETag, for the next If-Match) and the few
 * state fields the caller needs.
 */
export function commandAnswer(
  response: { setHeader(name: string, value: string): unknown },
  result: { streamId: string; version: number },
  extra: Record<string, unknown> = {},
) {
  response.setHeader('ETag', versionEtag(result.version));
  return { id: result.streamId, version: result.version, ...extra };
}
