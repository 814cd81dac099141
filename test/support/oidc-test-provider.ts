import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider, { errors } from 'oidc-provider';

// A real OpenID Connect provider for the console's sign-in tests: panva's oidc-provider on a loopback port, with
// its development login and consent pages (any password), one public client that must use PKCE, and accounts whose
// JWT access tokens carry the claims the services read (roles, bin), signed RS256 with the key its JWK Set serves.

export interface TestAccount {
  roles: string[];
  bin?: string;
  name?: string;
}

export interface TestProvider {
  issuer: string;
  /** What the services check tokens with: JWT_JWKS_URL. */
  jwksUrl: string;
  stop(): Promise<void>;
}

export async function startTestProvider(options: {
  port: number;
  /** The console's origin: the client's redirect URI is <it>/sign-in/callback, its post-logout one <it>/. */
  consoleUrl: string;
  clientId: string;
  /** The resource indicator the access tokens are issued for; their `aud`, the services' JWT_AUDIENCE. */
  resource: string;
  accounts: Record<string, TestAccount>;
}): Promise<TestProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  // Its notices that a development adapter and pages are in use are true, and expected here: kept out of the output.
  const quiet = quietProviderNotices();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const account = (sub: string) => options.accounts[sub];
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: [`${options.consoleUrl}/sign-in/callback`],
        post_logout_redirect_uris: [`${options.consoleUrl}/`],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'] },
    // Any login the development page is given signs in; only the accounts here have roles (and so a token to use).
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, name: account(sub)?.name ?? sub }),
    }),
    extraTokenClaims: async (_ctx: unknown, token: { kind: string; accountId?: string }) => {
      const found = token.kind === 'AccessToken' && token.accountId ? account(token.accountId) : undefined;
      return { roles: found?.roles ?? [], ...(found?.bin ? { bin: found.bin } : {}) };
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => options.resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
          if (indicator !== options.resource) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
          return {
            scope: 'api',
            audience: options.resource,
            accessTokenTTL: 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(quiet.restore),
  };
}

/** console.info and console.warn without the lines oidc-provider starts with its name; everything else passes. */
function quietProviderNotices(): { restore: () => void } {
  const { info, warn } = console;
  const unlessProvider =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) =>
      typeof args[0] === 'string' && args[0].startsWith('oidc-provider ') ? undefined : write(...args);
  console.info = unlessProvider(info);
  console.warn = unlessProvider(warn);
  return {
    restore: () => {
      console.info = info;
      console.warn = warn;
    },
  };
}
