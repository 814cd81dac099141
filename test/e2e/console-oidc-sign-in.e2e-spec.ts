import type { Page } from 'playwright-core';
import { freePort, seriousViolations, untranslatedKeys } from '../support/console-browser';
import { consoleUnderTest } from '../support/console-under-test';
import { startTestProvider, type TestProvider } from '../support/oidc-test-provider';

// Production sign-in in a real Chromium: `npm start` whose services accept only a real OpenID provider's tokens
// (JWT_JWKS_URL, JWT_ISSUER, JWT_AUDIENCE; no JWT secret, so no development sign-in either) and whose console signs
// in through it (CONSOLE_OIDC_*). An inspector signs in on the provider's own login and consent pages, lands back on
// the case board, which the road-cases service serves to the provider's token; no token is left in any storage, a
// reload signs out, signing out ends the provider's session too, and an answer whose state was tampered with is
// refused.
const CLIENT_ID = 'integrity-square-console';
const RESOURCE = 'urn:integrity-square:api';

describe('the console: sign-in through an OpenID Connect provider (authorization code, PKCE)', () => {
  let provider: TestProvider;
  let consoleUrl: string;

  const system = consoleUnderTest('console-oidc', {
    env: async () => {
      const [providerPort, consolePort] = [await freePort(), await freePort()];
      consoleUrl = `http://127.0.0.1:${consolePort}`;
      provider = await startTestProvider({
        port: providerPort,
        consoleUrl,
        clientId: CLIENT_ID,
        resource: RESOURCE,
        accounts: { 'alice.inspector': { roles: ['inspector'], name: 'Alice' } },
      });
      return {
        CONSOLE_PORT: String(consolePort),
        JWT_JWKS_URL: provider.jwksUrl,
        JWT_ISSUER: provider.issuer,
        JWT_AUDIENCE: RESOURCE,
        CONSOLE_OIDC_ISSUER: provider.issuer,
        CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
        CONSOLE_OIDC_RESOURCE: RESOURCE,
        CONSOLE_OIDC_NAME: 'Test ID',
      };
    },
    seed: async () => expect(system.url).toBe(consoleUrl),
    after: async () => provider?.stop(),
  });

  /** A fresh browser that may reach the console and the provider only. */
  async function freshPage() {
    const { context, page, errors } = await system.watchedPage([provider.issuer]);
    return { context, page, errors };
  }

  /** Everything the page keeps in localStorage and sessionStorage, keys and values. */
  const storage = (page: Page): Promise<{ local: Record<string, string>; session: Record<string, string> }> =>
    page.evaluate(`(() => {
      const all = (store) => Object.fromEntries(Array.from({ length: store.length }, (_, i) => store.key(i)).map((k) => [k, store.getItem(k)]));
      return { local: all(window.localStorage), session: all(window.sessionStorage) };
    })()`);

  /** From the console's sign-in page to the provider's login page (its development one: any password). */
  async function toProviderLogin(page: Page, next: string, check = false) {
    await page.goto(`${system.url}/sign-in?next=${encodeURIComponent(next)}`);
    const button = page.getByTestId('oidc-sign-in');
    await expect(button.textContent()).resolves.toBe('Sign in with Test ID');
    // No development sign-in beside it: the services check the provider's keys, not a shared secret.
    await expect(page.locator('#sign-in-role').count()).resolves.toBe(0);
    if (check) {
      await expect(untranslatedKeys(page)).resolves.toEqual([]);
      await expect(seriousViolations(page)).resolves.toEqual([]);
    }
    await button.click();
    await page.waitForURL((address) => address.href.startsWith(`${provider.issuer}/interaction/`));
  }

  it('signs an inspector in on the provider, reads the case board with its token, keeps no token in storage, and a reload signs out', async () => {
    const { context, page, errors } = await freshPage();
    await toProviderLogin(page, '/cases', true);
    // The PKCE verifier, state and nonce wait in this tab's sessionStorage for the round trip, never a token.
    await page.locator('input[name=login]').fill('alice.inspector');
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    const board = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/api/road-cases/cases' && response.request().method() === 'GET',
    );
    await page.getByText('Continue').click();

    await page.waitForURL(`${system.url}/cases`);
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('alice.inspector');
    // The one authorised read: the service itself accepted the provider's token (a 200, not a 401 naming a check).
    const answer = await board;
    expect(answer.status()).toBe(200);
    const bearer = /^Bearer (.+)$/.exec(answer.request().headers().authorization ?? '')?.[1];
    expect(bearer).toBeDefined();
    const claims = JSON.parse(Buffer.from(bearer!.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ iss: provider.issuer, aud: RESOURCE, sub: 'alice.inspector', roles: ['inspector'] });
    await expect(page.locator('[role=alert]').count()).resolves.toBe(0);
    // The code is spent and gone from the address; the history has no callback to go back to.
    expect(page.url()).toBe(`${system.url}/cases`);

    // No token, nor anything of the round trip, is left where another script or a later visitor could read it.
    const kept = await storage(page);
    expect(kept.session).toEqual({});
    expect(Object.keys(kept.local).every((key) => key === 'console.language')).toBe(true);
    expect(JSON.stringify(kept)).not.toContain(bearer!.slice(0, 20));

    // A reload forgets the session (it lived in memory only): signed out, the sign-in link back.
    await page.reload();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await expect(page.getByTestId('signed-in-as').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("signs out through the provider's end-session page, back to the console's home", async () => {
    const { context, page } = await freshPage();
    await toProviderLogin(page, '/cases');
    await page.locator('input[name=login]').fill('alice.inspector');
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    await page.getByText('Continue').click();
    await page.getByTestId('signed-in-as').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((address) => address.href.startsWith(`${provider.issuer}/session/end`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${system.url}/`);
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    await expect(page.getByTestId('signed-in-as').count()).resolves.toBe(0);

    // The provider's session ended too: signing in again asks for the login, not just a redirect back.
    await toProviderLogin(page, '/cases');
    await page.locator('input[name=login]').waitFor();
    await context.close();
  });

  it('refuses an answer whose state was tampered with, saying so, and redeems no code', async () => {
    const { context, page } = await freshPage();
    // The provider's answer is caught on its way back, and the browser sent to it with another state.
    await page.route(`${system.url}/sign-in/callback**`, (route) =>
      new URL(route.request().url()).searchParams.get('state') === 'tampered' ? route.continue() : route.abort(),
    );
    const tokenRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/console/oidc/token') tokenRequests.push(request.url());
    });
    await toProviderLogin(page, '/cases');
    await page.locator('input[name=login]').fill('alice.inspector');
    await page.locator('input[name=password]').fill('any password');
    await page.locator('button[type=submit]').click();
    const callback = page.waitForRequest((request) => new URL(request.url()).pathname === '/sign-in/callback');
    await page.getByText('Continue').click();
    const answered = new URL((await callback).url());
    expect(answered.searchParams.get('code')).toBeTruthy();

    const tampered = new URL(answered);
    tampered.searchParams.set('state', 'tampered');
    await page.goto(tampered.href);
    const refusal = page.getByTestId('oidc-error');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(
      'does not belong to the sign-in this page started (its state does not match)',
    );
    await expect(page.getByTestId('signed-in-as').count()).resolves.toBe(0);
    await expect(untranslatedKeys(page)).resolves.toEqual([]);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    expect(tokenRequests).toEqual([]);
    // The round trip's values are gone: the same answer cannot be tried again in this tab.
    await expect(storage(page)).resolves.toMatchObject({ session: {} });
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });
});
