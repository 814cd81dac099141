import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, JsonLogger } from '@app/platform';
import { loadConsoleConfig } from './console-config';
import { startConsoleServer, type RunningConsole } from './console-server';

// Production sign-in's server side: the configuration, the provider's discovery document and the code exchange
// passed to its token endpoint. A stand-in provider answers here; the browser test signs in through a real one.

interface StandIn {
  server: Server;
  issuer: string;
  seen: { url?: string; headers: IncomingHttpHeaders; body: string }[];
  discovery: Record<string, unknown>;
}

function standInProvider(): Promise<StandIn> {
  const seen: StandIn['seen'] = [];
  const standIn = { seen, discovery: {} } as StandIn;
  standIn.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ url: req.url, headers: req.headers, body });
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify(standIn.discovery));
      }
      if (req.url === '/token') {
        const code = new URLSearchParams(body).get('code');
        res.writeHead(code === 'good' ? 200 : 400, { 'content-type': 'application/json; charset=utf-8' });
        return res.end(
          JSON.stringify(
            code === 'good'
              ? { access_token: 'at', id_token: 'it', token_type: 'Bearer', expires_in: 600 }
              : { error: 'invalid_grant', error_description: 'grant request is invalid' },
          ),
        );
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((resolve) =>
    standIn.server.listen(0, '127.0.0.1', () => {
      standIn.issuer = `http://127.0.0.1:${(standIn.server.address() as { port: number }).port}`;
      standIn.discovery = {
        issuer: standIn.issuer,
        authorization_endpoint: `${standIn.issuer}/auth`,
        token_endpoint: `${standIn.issuer}/token`,
        jwks_uri: `${standIn.issuer}/jwks`,
      };
      resolve(standIn);
    }),
  );
}

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConsoleConfig(env);
  } catch (error) {
    return (error as ConfigError).problems.map((p) => p.message);
  }
  return [];
};

describe('sign-in through an OpenID Connect provider, server side', () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'console-oidc-'));
  const logger = new JsonLogger('console', 'error', () => undefined);
  let provider: StandIn;
  let running: RunningConsole;

  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    provider = await standInProvider();
    const config = loadConsoleConfig({
      CONSOLE_PORT: '0',
      CONSOLE_TILE_URL: 'none',
      NODE_ENV: 'production',
      CONSOLE_OIDC_ISSUER: provider.issuer,
      CONSOLE_OIDC_CLIENT_ID: 'console',
      CONSOLE_OIDC_RESOURCE: 'urn:integrity-square:api',
    });
    running = await startConsoleServer({ ...config, staticDir }, logger);
  });

  afterAll(async () => {
    await running?.stop();
    await new Promise((resolve) => provider?.server.close(resolve));
    rmSync(staticDir, { recursive: true, force: true });
  });

  const exchange = (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${running.url}/console/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  const codeExchange = {
    grant_type: 'authorization_code',
    client_id: 'console',
    code: 'good',
    code_verifier: 'v'.repeat(43),
    redirect_uri: 'http://127.0.0.1/sign-in/callback',
  };

  it('reads CONSOLE_OIDC_*: scopes default to openid profile, the button to the issuer host, and names each bad value', () => {
    expect(
      loadConsoleConfig({ CONSOLE_OIDC_ISSUER: 'https://id.example.kz/realms/is', CONSOLE_OIDC_CLIENT_ID: 'c' }).oidc,
    ).toEqual({
      issuer: 'https://id.example.kz/realms/is',
      clientId: 'c',
      scopes: 'openid profile',
      resource: null,
      name: 'id.example.kz',
    });
    expect(loadConsoleConfig({}).oidc).toBeNull();
    expect(
      problemsOf({
        CONSOLE_OIDC_ISSUER: 'http://id.example.kz',
        CONSOLE_OIDC_SCOPES: 'profile email',
        CONSOLE_OIDC_RESOURCE: 'api',
      }),
    ).toEqual([
      expect.stringMatching(/^CONSOLE_OIDC_ISSUER must be the provider's https:\/\/ issuer URL/),
      expect.stringMatching(/^CONSOLE_OIDC_CLIENT_ID is required with CONSOLE_OIDC_ISSUER/),
      expect.stringMatching(/^CONSOLE_OIDC_SCOPES must be space-separated scopes including openid/),
      expect.stringMatching(/^CONSOLE_OIDC_RESOURCE must be an absolute URI/),
    ]);
    expect(problemsOf({ CONSOLE_OIDC_CLIENT_ID: 'c' })).toEqual([
      expect.stringMatching(/^CONSOLE_OIDC_ISSUER is required with CONSOLE_OIDC_CLIENT_ID/),
    ]);
  });

  it('tells the page the provider (no secret: a public client) and serves its discovery document', async () => {
    expect(await (await fetch(`${running.url}/console/config`)).json()).toEqual({
      devSignIn: false,
      tileUrl: null,
      oidc: {
        issuer: provider.issuer,
        clientId: 'console',
        scopes: 'openid profile',
        resource: 'urn:integrity-square:api',
        name: new URL(provider.issuer).host,
      },
    });
    const answer = await fetch(`${running.url}/console/oidc/provider`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(provider.discovery);
  });

  it("passes a code exchange to the provider's token endpoint as it is, and its answer back, success or refusal", async () => {
    provider.seen.length = 0;
    const answer = await exchange(codeExchange, { origin: running.url });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toMatchObject({ access_token: 'at', id_token: 'it' });
    const sent = provider.seen.find((s) => s.url === '/token')!;
    expect(Object.fromEntries(new URLSearchParams(sent.body))).toEqual(codeExchange);
    expect(sent.headers.authorization).toBeUndefined();

    const refused = await exchange({ ...codeExchange, code: 'spent' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_grant', error_description: 'grant request is invalid' });
  });

  it('refuses anything but a code exchange for its own client, from its own pages, as a form', async () => {
    provider.seen.length = 0;
    const refusal = async (answer: Response) => ({
      status: answer.status,
      message: ((await answer.json()) as { message: string }).message,
    });
    await expect(refusal(await exchange({ ...codeExchange, grant_type: 'refresh_token' }))).resolves.toEqual({
      status: 400,
      message: 'grant_type must be authorization_code: the console exchanges codes only',
    });
    await expect(refusal(await exchange({ ...codeExchange, client_id: 'other' }))).resolves.toEqual({
      status: 400,
      message: "client_id must be the console's own (console)",
    });
    await expect(refusal(await exchange({ ...codeExchange, code_verifier: '' }))).resolves.toMatchObject({
      status: 400,
    });
    await expect(refusal(await exchange(codeExchange, { origin: 'https://elsewhere.example' }))).resolves.toEqual({
      status: 403,
      message: "The token exchange answers only this console's own pages, not https://elsewhere.example",
    });
    const json = await fetch(`${running.url}/console/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(codeExchange),
    });
    expect(json.status).toBe(415);
    expect(provider.seen.filter((s) => s.url === '/token')).toEqual([]);
  });

  it("answers 502 naming the problem when the provider's document is missing or someone else's, and 404 with no provider", async () => {
    const consoleFor = async (issuer?: string) =>
      startConsoleServer(
        {
          ...loadConsoleConfig({
            CONSOLE_PORT: '0',
            ...(issuer && { CONSOLE_OIDC_ISSUER: issuer, CONSOLE_OIDC_CLIENT_ID: 'console' }),
          }),
          staticDir,
        },
        logger,
      );
    // The same provider by another name: its document names 127.0.0.1, so it is not localhost's.
    const [missing, elsewhere, none] = await Promise.all([
      consoleFor(`${provider.issuer}/realm`),
      consoleFor(provider.issuer.replace('127.0.0.1', 'localhost')),
      consoleFor(),
    ]);
    const problem = async (url: string) => {
      const answer = await fetch(`${url}/console/oidc/provider`);
      return { status: answer.status, message: ((await answer.json()) as { message: string }).message };
    };
    try {
      await expect(problem(missing.url)).resolves.toEqual({
        status: 502,
        message: `The identity provider is not reachable as configured: its discovery document ${provider.issuer}/realm/.well-known/openid-configuration answered 404`,
      });
      await expect(problem(elsewhere.url)).resolves.toEqual({
        status: 502,
        message: `The identity provider is not reachable as configured: its discovery document names issuer "${provider.issuer}", not CONSOLE_OIDC_ISSUER ${provider.issuer.replace('127.0.0.1', 'localhost')}`,
      });
      await expect(problem(none.url)).resolves.toEqual({
        status: 404,
        message: 'No identity provider is configured (CONSOLE_OIDC_ISSUER)',
      });
    } finally {
      await Promise.all([missing.stop(), elsewhere.stop(), none.stop()]);
    }
  });
});
