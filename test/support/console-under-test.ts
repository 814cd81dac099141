import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import {
  consoleContext,
  consoleToken,
  created,
  launchChromium,
  signIn,
  startEmbeddedConsole,
  viaConsole,
  type EmbeddedConsole,
} from './console-browser';
import { provided } from './provided';
import { validBin } from './valid-bins';

/** A page of its own browser context, with the requests it refused and its uncaught errors (both should stay empty). */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  blocked: string[];
  errors: string[];
}

/** The embedded default and a Chromium of one describe block, and the calls its tests make, bound to its URL. */
export interface ConsoleUnderTest {
  url: string;
  /** Where the embedded default keeps the development JWT secret (institutionOfficialToken reads it). */
  dataDir: string;
  browser: Browser;
  /** consoleToken against this console. */
  token(role: string, sub: string, bin?: string): Promise<string>;
  /** created (a POST through the proxy that must answer 201) against this console. */
  created(path: string, token: string, body: unknown): Promise<any>;
  /** Registers an institution under a fresh valid BIN, as `token` (an official); the BIN. */
  institution(token: string, record: { name: string; district: string; kind: string }): Promise<string>;
  /** viaConsole against this console: non-2xx answers are returned. */
  via(method: string, path: string, token?: string, body?: unknown): ReturnType<typeof viaConsole>;
  /** consoleContext in this Chromium, allowed this console (and `also`). */
  context(also?: string[], device?: BrowserContextOptions): ReturnType<typeof consoleContext>;
  /** A page of a fresh context whose uncaught errors are collected in `errors`. */
  watchedPage(also?: string[], device?: BrowserContextOptions): Promise<WatchedPage>;
  /** A watched page of a signed-out browser that also remembers any request carrying a token in `signed`. */
  anonymousPage(): Promise<WatchedPage & { signed: string[] }>;
  /** signIn on this console. */
  signIn(page: Page, who: { role: string; sub: string; bin?: string }, next: string): Promise<void>;
}

export interface ConsoleOptions {
  /** Variables for `npm start`, made in beforeAll before it starts (an identity provider started first, say). */
  env?: () => Promise<Record<string, string>>;
  /** Runs in the same beforeAll once the console and the browser are up: the records the tests read. */
  seed?: () => Promise<unknown>;
  /** Runs in afterAll after the browser closed and the console stopped (a provider stopped, say). */
  after?: () => Promise<unknown>;
  /** The beforeAll's timeout: starting and seeding share it, as they did in each spec. */
  timeoutMs?: number;
}

/**
 * Call in a describe block: starts `npm start` (startEmbeddedConsole) and Chromium together in beforeAll, then
 * `seed`; closes the browser and stops the console in afterAll. The handle reads as the running console once
 * beforeAll ran, so the tests and `seed` write `system.url` as if they had assigned it themselves.
 */
export function consoleUnderTest(name: string, options: ConsoleOptions = {}): ConsoleUnderTest {
  const embedded = provided<EmbeddedConsole>(`${name}: the embedded default`);
  const chromium = provided<Browser>(`${name}: Chromium`);
  beforeAll(async () => {
    const env = await options.env?.();
    const [system, browser] = await Promise.all([startEmbeddedConsole(name, env), launchChromium()]);
    embedded.set(system);
    chromium.set(browser);
    await options.seed?.();
  }, options.timeoutMs ?? 180_000);
  afterAll(async () => {
    await chromium.current()?.close();
    await embedded.current()?.stop();
    await options.after?.();
  });
  const url = () => embedded.value.url;
  const context = (also: string[] = [], device: BrowserContextOptions = {}) =>
    consoleContext(chromium.value, url(), also, device);
  const watchedPage = async (also: string[] = [], device: BrowserContextOptions = {}) => {
    const { context: opened, blocked } = await context(also, device);
    const errors: string[] = [];
    const page = await opened.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    return { context: opened, page, blocked, errors };
  };
  return {
    get url() {
      return url();
    },
    get dataDir() {
      return embedded.value.dataDir;
    },
    browser: chromium.value,
    token: (role, sub, bin) => consoleToken(url(), role, sub, bin),
    created: (path, token, body) => created(url(), path, token, body),
    async institution(token, record) {
      const bin = validBin();
      await created(url(), '/budgets/institutions', token, { bin, ...record });
      return bin;
    },
    via: (method, path, token, body) => viaConsole(url(), method, path, token, body),
    context,
    watchedPage,
    async anonymousPage() {
      const watched = await watchedPage();
      const signed: string[] = [];
      watched.page.on('request', (request) => {
        if (request.headers().authorization) signed.push(request.url());
      });
      return { ...watched, signed };
    },
    signIn: (page, who, next) => signIn(page, url(), who, next),
  };
}
