import type { Request } from 'express';
import { match } from 'path-to-regexp';

/** The layers Express's router keeps, as far as finding a route's path template needs. */
interface RouteLayer {
  route?: { path?: unknown };
}

/**
 * The name of the path parameter Express could not percent-decode (its URIError names only the raw text), found by
 * matching the request's path, undecoded, against each route's template; undefined when none matches.
 */
export function undecodableParameter(request: Request): string | undefined {
  const stack = (request.app as { router?: { stack?: RouteLayer[] } }).router?.stack ?? [];
  for (const layer of stack) {
    const template = layer.route?.path;
    if (typeof template !== 'string') continue;
    const matched = match(template, { decode: false })(request.path);
    if (!matched) continue;
    for (const [name, raw] of Object.entries(matched.params)) {
      try {
        decodeURIComponent(String(raw));
      } catch {
        return name;
      }
    }
  }
  return undefined;
}
