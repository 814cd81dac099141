import * as oauth from 'oauth4webapi';
import type { OidcSettings } from './api';
import { isLocalPath } from './router';
import { ROLES, type Session } from './session';

/** Where the provider sends the browser back with the code: register `<console origin>/sign-in/callback` with it. */
export const CALLBACK_PATH = '/sign-in/callback';

/**
 * What one sign-in needs across the redirect to the provider and back: the PKCE verifier, state, nonce and where to
 * land. The page is unloaded in between, so memory cannot carry them; sessionStorage does, for this tab and origin
 * only, and for the one round trip: they are read and removed as the callback starts. None of them is a token: the
 * verifier is worth something only with the code, which the provider sends to the registered callback alone and
 * takes once, and state and nonce are checks, not credentials. Tokens never go there (session.ts).
 */
const PENDING_KEY = 'console.oidc.pending';

interface Pending {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

/** A sign-in that did not complete, named by what failed, so the page can say it in the reader's language. */
export class OidcSignInError extends Error {
  constructor(
    readonly problem: 'state' | 'notStarted' | 'refused' | 'provider' | 'noRole' | 'failed',
    readonly detail?: string,
  ) {
    super(detail ? `${problem}: ${detail}` : problem);
  }
}

const client = (settings: OidcSettings): oauth.Client => ({ client_id: settings.clientId });

/**
 * The token exchange goes to the console's own origin (its server passes it to the provider, oidc-sign-in.ts), so
 * it is as private as the page itself: on a plain http:// page (localhost, tests) it is plain http too.
 */
const insecureAllowed = () => ({ [oauth.allowInsecureRequests]: window.location.protocol === 'http:' });

/**
 * The provider's metadata, as the console's server read it from its discovery document; checked again here for
 * the configured issuer. Its token endpoint is replaced by the console's same-origin pass-through, so the page's
 * CSP stays `connect-src 'self'`.
 */
async function authorizationServer(settings: OidcSettings): Promise<oauth.AuthorizationServer> {
  let response: Response;
  try {
    response = await fetch('/console/oidc/provider');
  } catch {
    throw new OidcSignInError('provider');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
    throw new OidcSignInError('provider', body?.message);
  }
  try {
    const as = await oauth.processDiscoveryResponse(new URL(settings.issuer), response);
    return { ...as, token_endpoint: `${window.location.origin}/console/oidc/token` };
  } catch (error) {
    throw new OidcSignInError('provider', (error as Error).message);
  }
}

/** Step one: a fresh verifier, state and nonce, kept for the round trip, and off to the provider's sign-in page. */
export async function startOidcSignIn(settings: OidcSettings, next: string | null): Promise<void> {
  const as = await authorizationServer(settings);
  const pending: Pending = {
    codeVerifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    next: next && isLocalPath(next) ? next : '',
  };
  const target = new URL(as.authorization_endpoint!);
  target.searchParams.set('client_id', settings.clientId);
  target.searchParams.set('redirect_uri', redirectUri());
  target.searchParams.set('response_type', 'code');
  target.searchParams.set('scope', settings.scopes);
  target.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.codeVerifier));
  target.searchParams.set('code_challenge_method', 'S256');
  target.searchParams.set('state', pending.state);
  target.searchParams.set('nonce', pending.nonce);
  if (settings.resource) target.searchParams.set('resource', settings.resource);
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(target.href);
}

/**
 * Step two, on /sign-in/callback: the answer must carry the state this tab sent (else it is someone else's, or a
 * replay), the code is exchanged with the verifier, and the ID token's iss, aud, azp, nonce and times are checked
 * (oauth4webapi). The access token is what the services check; its roles and BIN only choose the console's menus.
 */
export async function completeOidcSignIn(
  settings: OidcSettings,
  callback: URL,
): Promise<{ session: Session; next: string }> {
  const stored = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  if (!stored) throw new OidcSignInError('notStarted');
  const pending = JSON.parse(stored) as Pending;
  const as = await authorizationServer(settings);
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as, client(settings), callback, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError)
      throw new OidcSignInError('refused', [error.error, error.error_description].filter(Boolean).join(': '));
    const message = (error as Error).message;
    throw new OidcSignInError(/state/.test(message) ? 'state' : 'failed', message);
  }
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client(settings),
      oauth.None(),
      parameters,
      redirectUri(),
      pending.codeVerifier,
      {
        ...insecureAllowed(),
        additionalParameters: settings.resource ? { resource: settings.resource } : undefined,
      },
    );
    tokens = await oauth.processAuthorizationCodeResponse(as, client(settings), response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError)
      throw new OidcSignInError('refused', [error.error, error.error_description].filter(Boolean).join(': '));
    throw new OidcSignInError('failed', (error as Error).message);
  }
  const claims = accessTokenClaims(tokens.access_token);
  const role = ROLES.find((known) => claims.roles.includes(known));
  if (!role) throw new OidcSignInError('noRole', claims.roles.join(', ') || undefined);
  const expiresAt = new Date(
    claims.exp !== undefined ? claims.exp * 1000 : Date.now() + (tokens.expires_in ?? 300) * 1000,
  ).toISOString();
  return {
    session: {
      token: tokens.access_token,
      role,
      sub: claims.sub ?? oauth.getValidatedIdTokenClaims(tokens)!.sub,
      bin: claims.bin,
      expiresAt,
      signOutUrl: endSessionUrl(as, settings, tokens.id_token),
    },
    next: pending.next,
  };
}

const redirectUri = () => `${window.location.origin}${CALLBACK_PATH}`;

/**
 * The access token's claims as the services will read them (roles, bin, sub, exp), unverified: the services verify
 * it, the console only shows the right pages. A token that is not a JWT is one the services cannot check either.
 */
function accessTokenClaims(token: string): { roles: string[]; sub?: string; bin?: string; exp?: number } {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return {
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
      sub: typeof claims.sub === 'string' ? claims.sub : undefined,
      bin: typeof claims.bin === 'string' ? claims.bin : undefined,
      exp: typeof claims.exp === 'number' ? claims.exp : undefined,
    };
  } catch {
    throw new OidcSignInError(
      'failed',
      "the provider's access token is not a JWT; the services need one (a JWT access token for their audience)",
    );
  }
}

/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0), when the provider has an end_session_endpoint. */
function endSessionUrl(as: oauth.AuthorizationServer, settings: OidcSettings, idToken: string | undefined) {
  if (!as.end_session_endpoint) return undefined;
  const url = new URL(as.end_session_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  url.searchParams.set('post_logout_redirect_uri', `${window.location.origin}/`);
  return url.href;
}
