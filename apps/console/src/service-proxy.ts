import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { ConsoleService } from './console-config';

/**
 * What the browser may say to a service: who it is, which version it saw, which retry this is, and what it sends.
 * Nothing else crosses (no cookie, no X-Forwarded-* the browser made up).
 */
const REQUEST_HEADERS = ['authorization', 'if-match', 'idempotency-key', 'content-type', 'content-length', 'accept'];
/** Hop-by-hop headers (RFC 9110 7.6.1) are this connection's, not the answer's. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te']);

const UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * Sends /api/<service>/<path> (path: what follows the prefix, with its query) to <service's URL>/<path> and answers the service's status, headers and body unchanged,
 * both bodies streamed. The client's address goes on in X-Forwarded-For, for a service that trusts this hop
 * (TRUST_PROXY) to rate-limit per citizen rather than per console.
 */
export function proxyToService(
  service: ConsoleService,
  upstream: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  onError: (message: string) => void,
): void {
  // The path and query are appended to the service's origin as text, never resolved against it: `//elsewhere` stays a
  // path on the service.
  const target = new URL(`${upstream}/${path.replace(/^\/+/, '')}`);
  const headers: Record<string, string | string[]> = {};
  for (const name of REQUEST_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  // An IPv4 client of the dual-stack socket reads as ::ffff:a.b.c.d; the services' TRUST_PROXY lists name it a.b.c.d.
  const peer = req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (peer) headers['x-forwarded-for'] = peer;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const outgoing = send(target, { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (answer) => {
    const passed: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers))
      if (value !== undefined && !HOP_BY_HOP.has(name)) passed[name] = value;
    res.writeHead(answer.statusCode ?? 502, passed);
    answer.pipe(res);
  });
  outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${UPSTREAM_TIMEOUT_MS} ms`)));
  outgoing.on('error', (error) => {
    onError(`${service} at ${upstream}: ${error.message}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: `${service} is not answering`, service }));
  });
  req.pipe(outgoing);
}
