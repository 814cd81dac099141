import { randomBytes } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import jwt from 'jsonwebtoken';
import { ConfigError, JsonLogger } from '@app/platform';
import { loadConsoleConfig, type ConsoleConfig } from './console-config';
import { startConsoleServer, type RunningConsole } from './console-server';

// Made per run: a secret written here would be one more committed secret for production to refuse.
const SECRET = randomBytes(32).toString('base64url');

/** A stand-in service that answers what it was sent, with the status and headers a test asks for in the path. */
function echoService(): Promise<{
  server: Server;
  url: string;
  seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string }[];
}> {
  const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      const status = Number(/status=(\d+)/.exec(req.url ?? '')?.[1] ?? 200);
      res.writeHead(status, { 'content-type': 'application/json', etag: '"7"', 'x-correlation-id': 'c-1' });
      res.end(JSON.stringify({ statusCode: status, echoed: body }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, seen }),
    ),
  );
}

describe('the console server', () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'console-static-'));
  let upstream: Awaited<ReturnType<typeof echoService>>;
  let running: RunningConsole;
  let config: ConsoleConfig;
  const logger = new JsonLogger('console', 'error', () => undefined);

  beforeAll(async () => {
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(staticDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    upstream = await echoService();
    config = {
      ...loadConsoleConfig(
        { CONSOLE_PORT: '0', CONSOLE_TILE_URL: 'none', JWT_SECRET: SECRET },
        {
          upstreams: {
            budgets: upstream.url,
            monitoring: upstream.url,
            'road-cases': upstream.url,
            fines: 'http://127.0.0.1:1',
          },
        },
      ),
      staticDir,
    };
    running = await startConsoleServer(config, logger);
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise((resolve) => upstream?.server.close(resolve));
    rmSync(staticDir, { recursive: true, force: true });
  });

  it("passes a command to its service with the caller's token, version and key, and answers the service's status, body and ETag unchanged", async () => {
    const answer = await fetch(`${running.url}/api/road-cases/cases/abc/verify?status=409&x=1`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer t0k3n',
        'if-match': '"3"',
        'idempotency-key': 'key-1',
        'content-type': 'application/json',
        cookie: 'session=should-not-travel',
        'x-forwarded-for': '6.6.6.6',
      },
      body: JSON.stringify({ severity: 'high' }),
    });
    expect(answer.status).toBe(409);
    expect(answer.headers.get('etag')).toBe('"7"');
    expect(answer.headers.get('x-correlation-id')).toBe('c-1');
    expect(await answer.json()).toEqual({ statusCode: 409, echoed: '{"severity":"high"}' });
    const sent = upstream.seen.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', url: '/cases/abc/verify?status=409&x=1' });
    expect(sent.headers).toMatchObject({
      authorization: 'Bearer t0k3n',
      'if-match': '"3"',
      'idempotency-key': 'key-1',
      'content-type': 'application/json',
      // The console names the client it saw, not what the browser claimed.
      'x-forwarded-for': '127.0.0.1',
    });
    expect(sent.headers?.cookie).toBeUndefined();
  });

  it('keeps a path that looks like another host on the service', async () => {
    const answer = await fetch(`${running.url}/api/budgets//elsewhere.example/x`);
    expect(answer.status).toBe(200);
    expect(upstream.seen.at(-1)!.url).toBe('/elsewhere.example/x');
  });

  it('answers 502 naming the service when it does not answer, and 404 for a service it does not know', async () => {
    const down = await fetch(`${running.url}/api/fines/fines`);
    expect(down.status).toBe(502);
    expect(await down.json()).toMatchObject({ statusCode: 502, service: 'fines' });
    const unknown = await fetch(`${running.url}/api/payroll/x`);
    expect(unknown.status).toBe(404);
  });

  it('serves the page for any of its paths, its files, and nothing outside its folder', async () => {
    const page = await fetch(`${running.url}/cases/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>console</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    const asset = await fetch(`${running.url}/assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${running.url}/assets/missing.js`)).status).toBe(404);
    // A file beside the folder exists, and stays out of reach however the path is spelt.
    const beside = `${basename(staticDir)}.secret`;
    writeFileSync(join(staticDir, '..', beside), 'secret');
    try {
      for (const path of [`/..%2f${beside}`, `/%2e%2e/${beside}`, `/assets/..%2f..%2f${beside}`]) {
        const outside = await fetch(`${running.url}${path}`);
        expect({ path, status: outside.status, body: await outside.text() }).toEqual({
          path,
          status: 404,
          body: 'Not found\n',
        });
      }
    } finally {
      rmSync(join(staticDir, '..', beside));
    }
  });

  it('tells the page whether development sign-in is on and which tiles to draw (none here)', async () => {
    expect(await (await fetch(`${running.url}/console/config`)).json()).toEqual({
      devSignIn: true,
      tileUrl: null,
      oidc: null,
    });
  });

  it('signs a development token the services accept: the role, the user, a contractor its BIN, all four audiences', async () => {
    const answer = await fetch(`${running.url}/console/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'contractor', sub: 'acme', bin: '123456789012' }),
    });
    expect(answer.status).toBe(200);
    const { token } = (await answer.json()) as { token: string };
    expect(jwt.verify(token, SECRET, { algorithms: ['HS256'] })).toMatchObject({
      sub: 'acme',
      roles: ['contractor'],
      bin: '123456789012',
      iss: 'integrity-square-dev',
      aud: ['budgets', 'monitoring', 'road-cases', 'fines'],
    });
  });

  it.each([
    [{ role: 'root', sub: 'x' }, 400, /role must be one of/],
    [{ role: 'inspector', sub: 'has space' }, 400, /sub must be/],
    [{ role: 'contractor', sub: 'acme' }, 400, /bin must be/],
  ])('refuses %j with %i naming the field', async (body, status, message) => {
    const answer = await fetch(`${running.url}/console/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(status);
    expect(((await answer.json()) as { message: string }).message).toMatch(message);
  });

  it("refuses a token to another site's page, to a name other than loopback, and to a form post", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${running.url}/console/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ role: 'official', sub: 'x' }),
      });
    expect((await post({ origin: 'http://evil.example' })).status).toBe(403);
    // fetch sends its own Host; a page reached through a DNS name that points here sends that name.
    const rebound = await new Promise<number>((resolve, reject) => {
      const sent = request(
        `${running.url}/console/dev-token`,
        { method: 'POST', headers: { host: 'rebound.example', 'content-type': 'application/json' } },
        (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      sent.end(JSON.stringify({ role: 'official', sub: 'x' }));
    });
    expect(rebound).toBe(403);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('has no development sign-in with NODE_ENV=production, nor without a shared secret', async () => {
    for (const env of [{ NODE_ENV: 'production', JWT_SECRET: SECRET }, {}]) {
      const off = await startConsoleServer({ ...loadConsoleConfig({ ...env, CONSOLE_PORT: '0' }), staticDir }, logger);
      try {
        expect(await (await fetch(`${off.url}/console/config`)).json()).toMatchObject({ devSignIn: false });
        const refused = await fetch(`${off.url}/console/dev-token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'official', sub: 'x' }),
        });
        expect(refused.status).toBe(403);
      } finally {
        await off.stop();
      }
    }
  });

  it('answers the probes: live while it serves, ready only once it has a built page', async () => {
    expect(await (await fetch(`${running.url}/health/live`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);
    const unbuilt = await startConsoleServer({ ...config, staticDir: join(staticDir, 'missing') }, logger);
    try {
      const ready = await fetch(`${unbuilt.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ reason: 'the page is not built (npm run build)' });
      expect((await fetch(`${unbuilt.url}/health/live`)).status).toBe(200);
    } finally {
      await unbuilt.stop();
    }
  });

  it('names each bad variable at start', () => {
    expect(() =>
      loadConsoleConfig({ CONSOLE_PORT: 'http', CONSOLE_TILE_URL: 'http://tiles/{z}', CONSOLE_FINES_URL: 'fines' }),
    ).toThrow(ConfigError);
    try {
      loadConsoleConfig({ CONSOLE_PORT: 'http', CONSOLE_TILE_URL: 'http://tiles/{z}', CONSOLE_FINES_URL: 'fines' });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable)).toEqual([
        'CONSOLE_PORT',
        'CONSOLE_FINES_URL',
        'CONSOLE_TILE_URL',
      ]);
    }
    expect(loadConsoleConfig({})).toMatchObject({
      port: 3000,
      tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      upstreams: { budgets: 'http://127.0.0.1:3001', fines: 'http://127.0.0.1:3004' },
      devSignIn: null,
      oidc: null,
    });
  });
});
