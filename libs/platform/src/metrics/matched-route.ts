import type { IncomingMessage } from 'node:http';

/** The label of a request no route matched (404s, and bodies refused before routing): one value, never the raw path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The route template that handled the request (`/cases/:id`), as Express recorded it when the route matched; the raw
 * URL would make a label (and a span name) per case id. Read once the response finished.
 */
export function matchedRoute(req: IncomingMessage): string {
  const { route, baseUrl } = req as IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : UNMATCHED_ROUTE;
}
