import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { issueDevToken } from '@app/platform';
import { eventually, freePort, http, startServiceProcess, type ServiceProcess } from '@app/testing';

// The console's browser tests: the embedded default (`npm start`) on a fresh data folder and free ports, driven by
// the machine's own Chromium through playwright-core (no browser is downloaded).

/** Where screenshots go (git-ignored): one per main page and language, and the journey's milestones. */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'console');

/** CHROMIUM_PATH, else chromium or chromium-browser on PATH (Debian's `chromium`, which .ci/run installs). */
export function chromiumPath(): string {
  const given = process.env.CHROMIUM_PATH;
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH is ${given}, which does not exist`);
    return given;
  }
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // Not on PATH; try the next name.
    }
  }
  throw new Error(
    'The console tests need Chromium and found none: install it (Debian: apt-get install chromium; .ci/run does) ' +
      'or set CHROMIUM_PATH to its executable',
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

// The console specs take it from here, beside the browser they drive.
export { freePort };

export interface EmbeddedConsole {
  url: string;
  process: ServiceProcess;
  /** Its data folder, where it keeps the development JWT secret it made (jwt-secret). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * `npm start` as a user runs it, on its own data folder, PostgreSQL port and service ports, without map tiles;
 * `env` adds to or overrides that (an identity provider's JWT_JWKS_URL, the console's CONSOLE_OIDC_*).
 */
export async function startEmbeddedConsole(name: string, env: Record<string, string> = {}): Promise<EmbeddedConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), `${name}-`));
  const embedded = await startServiceProcess(
    'embedded',
    {
      INTEGRITY_DATA_DIR: dataDir,
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      BUDGETS_PORT: '0',
      MONITORING_PORT: '0',
      ROAD_CASES_PORT: '0',
      FINES_PORT: '0',
      CONSOLE_PORT: '0',
      CONSOLE_TILE_URL: 'none',
      ROAD_CASE_OVERDUE_SWEEP_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    { waitForListening: false, timeoutMs: 120_000 },
  );
  const stop = async () => {
    // As root, PostgreSQL's data went where the postgres user can reach it; it is removed with the test's folder.
    const moved = embedded.output().match(/^PostgreSQL data in (\/var\/lib\/integrity-square\/[0-9a-f]+)\/postgres:/m);
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (moved) rmSync(moved[1], { recursive: true, force: true });
  };
  try {
    await embedded.waitForOutput(/Stop with Ctrl\+C/, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = embedded.output().match(/^\s+console\s+(http:\/\/127\.0\.0\.1:\d+)/m)?.[1];
  if (!url) throw new Error(`the embedded default printed no console URL:\n${embedded.output().slice(-3000)}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return { url, process: embedded, dataDir, stop };
}

/** A development token from the console itself, as its sign-in page gets one. */
export async function consoleToken(url: string, role: string, sub: string, bin?: string): Promise<string> {
  const answer = await http('POST', `${url}/console/dev-token`, { body: { role, sub, ...(bin ? { bin } : {}) } });
  if (answer.status !== 200) throw new Error(`dev-token answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

/**
 * A token of an institution's official (its BIN in the token), which the console's sign-in does not make (it gives a
 * BIN to contractors only): signed as `npm run token -- --bin` would, with the secret the embedded default made.
 */
export function institutionOfficialToken(system: Pick<EmbeddedConsole, 'dataDir'>, sub: string, bin: string): string {
  const secret = readFileSync(join(system.dataDir, 'jwt-secret'), 'utf8').trim();
  return issueDevToken(secret, { sub, role: 'official', bin });
}

/** A call through the console's proxy (/api/<service>/…); non-2xx answers are returned. */
export function viaConsole(url: string, method: string, path: string, token?: string, body?: unknown) {
  return http(method, `${url}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, body });
}

/** A command through the proxy that must succeed. */
export async function created(url: string, path: string, token: string, body: unknown): Promise<any> {
  const answer = await viaConsole(url, 'POST', path, token, body);
  if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A browser context that may reach the console only (and the origins in `also`, such as a test's identity
 * provider): any other request (a map tile, a font) is refused and remembered, so a test can say that nothing left
 * the machine.
 */
export async function consoleContext(
  browser: Browser,
  url: string,
  also: string[] = [],
  /** A device of another size (a phone: viewport, isMobile, hasTouch), a language: over the desktop default. */
  device: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; blocked: string[] }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 }, ...device });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const target = route.request().url();
    if ([url, ...also].some((allowed) => target.startsWith(allowed)) || target.startsWith('data:'))
      return route.continue();
    blocked.push(target);
    return route.abort();
  });
  return { context, blocked };
}

/** Signs in through the development sign-in page, then lands on `next`. */
export async function signIn(
  page: Page,
  url: string,
  who: { role: string; sub: string; bin?: string },
  next: string,
): Promise<void> {
  await page.goto(`${url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.locator('#sign-in-role').selectOption(who.role);
  await page.locator('#sign-in-sub').fill(who.sub);
  if (who.bin) await page.locator('#sign-in-bin').fill(who.bin);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('signed-in-as').waitFor();
  await page.waitForURL((address) => address.pathname + address.search === next);
}

/**
 * Fills a console form's fields in the order given, `#<form>-<name>` each (the ids the console gives a form's
 * fields): a list (<select>) by choosing the option, any other field by typing the value.
 */
export async function fillForm(page: Page, form: string, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`#${form}-${name}`);
    if (await field.evaluate((element) => element.tagName === 'SELECT')) await field.selectOption(value);
    else await field.fill(value);
  }
}

/** Where a citizen's road report is, in every spec that files one from the form: a pothole in Taraz. */
const ROAD_REPORT = { lat: '42.9', lon: '71.3667', district: 'Taraz', defectType: 'pothole' };

/**
 * Files a road report on the /report page shown (its place, then `more`), sending it by `press` (a click, or a tap
 * on a phone), and returns its number once the page shows one.
 */
export async function fileRoadReport(
  page: Page,
  press: 'click' | 'tap',
  more: Record<string, string>,
): Promise<string> {
  await fillForm(page, 'report', { ...ROAD_REPORT, ...more });
  await page.getByRole('button', { name: 'Send the report' })[press]();
  const reportId = (await page.getByTestId('report-id').textContent())!.trim();
  expect(reportId).toMatch(/^[0-9a-f-]{36}$/);
  return reportId;
}

/** An audit page's history once it lists two events or more: the list, and each event's type, oldest first. */
export async function auditedEvents(page: Page): Promise<{ events: Locator; types: (string | null)[] }> {
  const events = page.getByTestId('audit-events').locator('li');
  await events.nth(1).waitFor();
  return { events, types: await events.evaluateAll((items) => items.map((li) => li.getAttribute('data-event'))) };
}

/** Polls a read until it holds, through the proxy. */
export function eventuallyVia<T>(fn: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  return eventually(fn, accept, { timeoutMs: 60_000, intervalMs: 300, what });
}

/** What axe-core finds serious or critical on the page against WCAG 2.1 A and AA: each rule with its first nodes. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
}

/** The console's translation keys (apps/console/web/i18n/en.json): what an untranslated label would show. */
export function translationKeys(): string[] {
  return Object.keys(JSON.parse(readFileSync('apps/console/web/i18n/en.json', 'utf8')));
}

/** Text a reader meets: what the page shows, its title, accessible names and hints, every option of every list. */
const readableText = (page: Page): Promise<string> =>
  page.evaluate(`(() => {
    const attributes = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((e) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? ''));
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent);
    return [document.title, document.body.innerText, ...attributes, ...options].join('\\n');
  })()`);

let keyShown: RegExp | undefined;

/** Translation keys the page shows as text, which is how a label missing from the page's language renders. */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  const namespaces = () => [...new Set(translationKeys().map((key) => key.split('.')[0]))].join('|');
  keyShown ??= new RegExp(`\\b(?:${namespaces()})\\.[A-Za-z][\\w.]*`, 'g');
  return (await readableText(page)).match(keyShown) ?? [];
}

/**
 * The page as it reads in `language`: no label shown as its key and nothing serious for axe (each expectation names
 * the page and the language, so a failure says which), then its screenshot as `<name>-<language>.png`.
 */
export async function expectReadableIn(page: Page, name: string, language: string): Promise<void> {
  expect({ name, language, untranslated: await untranslatedKeys(page) }).toEqual({ name, language, untranslated: [] });
  expect({ name, language, serious: await seriousViolations(page) }).toEqual({ name, language, serious: [] });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-${language}.png`), fullPage: true });
}
