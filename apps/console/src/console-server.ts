import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ConfigError, type JsonLogger } from '@app/platform';
import { CONSOLE_SERVICES, type ConsoleConfig, type ConsoleService } from './console-config';
import { devToken, type Answer } from './dev-sign-in';
import { OidcSignIn } from './oidc-sign-in';
import { proxyToService } from './service-proxy';
import { serveStatic } from './static-files';

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

const API_PATH = /^\/api\/([a-z-]+)(\/.*)?$/;

/**
 * The page's rules for the browser: its own scripts and styles only, calls to its own origin only (every service
 * is behind /api/), images from itself and the tile server, never framed. Leaflet sets styles through the DOM, which
 * style-src does not govern.
 */
function contentSecurityPolicy(tileUrl: string | null): string {
  const tiles = tileUrl ? ` ${new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tiles}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The console's server: the built page, /api/<service>/ passed to each service unchanged, the page's settings
 * (GET /console/config), sign-in through the identity provider when one is configured (GET /console/oidc/provider,
 * POST /console/oidc/token) and, outside production, development sign-in (POST /console/dev-token). It holds no
 * state, no secret the browser sees and no rule of the system: every decision is the services'.
 */
export async function startConsoleServer(config: ConsoleConfig, logger: JsonLogger): Promise<RunningConsole> {
  const csp = contentSecurityPolicy(config.tileUrl);
  const settings = JSON.stringify({ devSignIn: config.devSignIn !== null, tileUrl: config.tileUrl, oidc: config.oidc });
  const oidc = config.oidc ? new OidcSignIn(config.oidc) : null;

  const json = (res: ServerResponse, answer: Answer) => {
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://console.invalid');
    const api = API_PATH.exec(url.pathname);
    if (api) {
      const service = api[1] as ConsoleService;
      if (!(CONSOLE_SERVICES as readonly string[]).includes(service))
        return json(res, {
          status: 404,
          body: { statusCode: 404, error: 'Not Found', message: `No service ${service} behind /api/` },
        });
      const path = (api[2] ?? '/') + url.search;
      return proxyToService(service, config.upstreams[service], path, req, res, (message) =>
        logger.warn(`proxy: ${message}`, 'Console'),
      );
    }
    // The probes of compose, the image and Kubernetes: live while it answers, ready once it has a page to serve.
    if (url.pathname === '/health/live') return json(res, { status: 200, body: { status: 'ok' } });
    if (url.pathname === '/health/ready')
      return json(
        res,
        existsSync(join(config.staticDir, 'index.html'))
          ? { status: 200, body: { status: 'ok' } }
          : { status: 503, body: { status: 'unavailable', reason: 'the page is not built (npm run build)' } },
      );
    res.setHeader('content-security-policy', csp);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (url.pathname === '/console/config' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(settings);
    }
    if (url.pathname.startsWith('/console/oidc/')) {
      if (!oidc)
        return json(res, {
          status: 404,
          body: {
            statusCode: 404,
            error: 'Not Found',
            message: 'No identity provider is configured (CONSOLE_OIDC_ISSUER)',
          },
        });
      if (url.pathname === '/console/oidc/provider' && req.method === 'GET') return json(res, await oidc.provider());
      if (url.pathname === '/console/oidc/token' && req.method === 'POST') {
        const answer = await oidc.token(req);
        if (!('text' in answer)) return json(res, answer);
        res.writeHead(answer.status, { 'content-type': answer.contentType, 'cache-control': 'no-store' });
        return res.end(answer.text);
      }
      return json(res, {
        status: 404,
        body: {
          statusCode: 404,
          error: 'Not Found',
          message: 'The console serves GET /console/oidc/provider and POST /console/oidc/token',
        },
      });
    }
    if (url.pathname === '/console/dev-token') {
      if (req.method !== 'POST')
        return json(res, {
          status: 405,
          body: { statusCode: 405, error: 'Method Not Allowed', message: 'POST a JSON body' },
        });
      return json(res, await devToken(req, config.devSignIn));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return json(res, {
        status: 405,
        body: { statusCode: 405, error: 'Method Not Allowed', message: 'The page is read with GET' },
      });
    serveStatic(config.staticDir, url.pathname, res, req.method === 'HEAD');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error(error instanceof Error ? error : String(error), 'Console');
      if (!res.headersSent)
        json(res, { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'console error' } });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError([
              { variable: 'CONSOLE_PORT', message: `CONSOLE_PORT ${config.port} is taken by another process` },
            ])
          : error,
      ),
    );
    server.listen(config.port, () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logger.log(`listening on ${url}`, 'Console');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
