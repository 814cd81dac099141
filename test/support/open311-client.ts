/** An Open311 answer as a client reads it: the status, the media type, the body, and Retry-After when rate-limited. */
export interface Open311Answer {
  status: number;
  type: string;
  text: string;
  retryAfter: string | null;
}

const answerOf = async (response: Response): Promise<Open311Answer> => ({
  status: response.status,
  type: response.headers.get('content-type') ?? '',
  text: await response.text(),
  retryAfter: response.headers.get('retry-after'),
});

/**
 * A client of a monitoring process's Open311 GeoReport v2 facade, as FixMyStreet's is: GETs, and form-encoded POSTs
 * (HTTP::Request::Common). `baseUrl` is read at each call, for a service a beforeAll starts later.
 */
export function open311Client(baseUrl: () => string) {
  const url = (path: string) => `${baseUrl()}/open311/v2/${path}`;
  return {
    get: async (path: string) => answerOf(await fetch(url(path), { signal: AbortSignal.timeout(15_000) })),
    post: async (path: string, form: Record<string, string>) =>
      answerOf(
        await fetch(url(path), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
          signal: AbortSignal.timeout(15_000),
        }),
      ),
  };
}
