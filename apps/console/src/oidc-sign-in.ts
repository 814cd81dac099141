import type { IncomingMessage } from 'node:http';
import type { OidcSettings } from './console-config';
import type { Answer } from './dev-sign-in';
import { readBody } from './request-body';

/**
 * Production sign-in's two server-side steps, both public and stateless: the provider's discovery document
 * (GET /console/oidc/provider) and a pass-through of the page's code exchange to its token endpoint
 * (POST /console/oidc/token).
 *
 * Why through this server rather than from the browser to the provider: the page's CSP keeps `connect-src 'self'`
 * (a script injected into the page can send a token nowhere else), no provider needs CORS configured for the
 * console, and a provider whose endpoints live on other origins than its issuer (as some do) needs no CSP of its
 * own. The server adds nothing to the request (the console is a public client: PKCE, no secret), keeps nothing
 * and logs nothing of it; the page itself checks the answer (state, nonce, iss, aud) with oauth4webapi, as it would
 * a direct answer. The authorization and end-session endpoints are top-level navigations, which the CSP does not
 * govern.
 */
/** The provider's answer to the code exchange, as it came. */
export interface Relayed {
  status: number;
  contentType: string;
  text: string;
}

export class OidcSignIn {
  private metadata?: { document: Record<string, unknown>; fetchedAt: number };

  constructor(
    private readonly settings: OidcSettings,
    private readonly options: { maxAgeMs?: number; timeoutMs?: number } = {},
  ) {}

  /** The provider's metadata, fetched on first use and kept for an hour (endpoints rarely move; keys are the services'). */
  async provider(): Promise<Answer> {
    try {
      return { status: 200, body: await this.document() };
    } catch (error) {
      return unavailable((error as Error).message);
    }
  }

  /**
   * The code exchange, passed on unchanged: only an authorization_code grant for the console's own client id, as a
   * form no larger than a code exchange needs, from this origin. The provider's answer (tokens or its error) goes
   * back as it came, never stored.
   */
  async token(req: IncomingMessage): Promise<Answer | Relayed> {
    const origin = req.headers.origin;
    const host = req.headers.host ?? '';
    if (origin !== undefined && origin !== `https://${host}` && origin !== `http://${host}`)
      return refused(403, 'Forbidden', `The token exchange answers only this console's own pages, not ${origin}`);
    if (!/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? ''))
      return refused(
        415,
        'Unsupported Media Type',
        'The body must be a form (Content-Type: application/x-www-form-urlencoded)',
      );
    let body: string;
    try {
      body = await readBody(req, MAX_FORM_BYTES);
    } catch (error) {
      return refused(400, 'Bad Request', `body: ${(error as Error).message}`);
    }
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'authorization_code')
      return refused(400, 'Bad Request', 'grant_type must be authorization_code: the console exchanges codes only');
    if (form.get('client_id') !== this.settings.clientId)
      return refused(400, 'Bad Request', `client_id must be the console's own (${this.settings.clientId})`);
    if (!form.get('code') || !form.get('code_verifier') || !form.get('redirect_uri'))
      return refused(400, 'Bad Request', 'code, code_verifier and redirect_uri are required');

    let endpoint: string;
    try {
      endpoint = (await this.document()).token_endpoint as string;
    } catch (error) {
      return unavailable((error as Error).message);
    }
    let answer: Response;
    try {
      answer = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      return unavailable(`its token endpoint ${endpoint} did not answer: ${(error as Error).message}`);
    }
    return {
      status: answer.status,
      contentType: answer.headers.get('content-type') ?? 'application/json',
      text: await answer.text(),
    };
  }

  private async document(): Promise<Record<string, unknown>> {
    const maxAgeMs = this.options.maxAgeMs ?? 3_600_000;
    if (this.metadata && Date.now() - this.metadata.fetchedAt < maxAgeMs) return this.metadata.document;
    const { issuer } = this.settings;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new Error(`its discovery document ${url} could not be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    if (response.status !== 200) throw new Error(`its discovery document ${url} answered ${response.status}`);
    let document: Record<string, unknown>;
    try {
      document = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`its discovery document ${url} is not JSON`, { cause: error });
    }
    // OpenID Connect Discovery §4.3: the issuer must be exactly the one configured, or the document is someone else's.
    if (document.issuer !== issuer)
      throw new Error(
        `its discovery document names issuer ${JSON.stringify(document.issuer)}, not CONSOLE_OIDC_ISSUER ${issuer}`,
      );
    for (const endpoint of ['authorization_endpoint', 'token_endpoint'])
      if (typeof document[endpoint] !== 'string' || !ENDPOINT.test(document[endpoint] as string))
        throw new Error(`its discovery document has no https:// ${endpoint}`);
    this.metadata = { document, fetchedAt: Date.now() };
    return document;
  }
}

/** As CONSOLE_OIDC_ISSUER: https://, or http:// on loopback only. */
const ENDPOINT = /^(https:\/\/|http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/)/;
/** A code, a verifier (43-128 characters), a redirect URI, a client id and a resource fit well within this. */
const MAX_FORM_BYTES = 8192;

const refused = (status: number, error: string, message: string): Answer => ({
  status,
  body: { statusCode: status, error, message },
});

const unavailable = (problem: string): Answer =>
  refused(502, 'Bad Gateway', `The identity provider is not reachable as configured: ${problem}`);
