// Helpers shared by the demo (npm run demo) and the audit thread (npm run audit:thread): tokens, the services' typed
// clients (@app/api-client, generated from their OpenAPI documents), bounded concurrency and polling.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiClient, type ApiClient } from '@app/api-client';
import { SERVICE_REGISTRY, type ServiceName } from '@app/contracts';
import { binCheckDigit } from '@app/domain-kernel';
import { issueDevToken, pollUntil, type Role } from '@app/platform/cli';
import { sleep } from './cli-support';

/** Where `npm start` runs each service: on 127.0.0.1, at its registered port. */
export const DEFAULT_URLS = Object.fromEntries(
  SERVICE_REGISTRY.map(({ name, port }) => [name, `http://127.0.0.1:${port}`]),
) as Record<ServiceName, string>;

/** --<service> URL for every service, as parseArgs options, and as the usage line says them. */
export const URL_OPTIONS = Object.fromEntries(
  SERVICE_REGISTRY.map(({ name }) => [name, { type: 'string' as const }]),
) as Record<ServiceName, { type: 'string' }>;
export const URL_USAGE = SERVICE_REGISTRY.map(({ name }) => `--${name} URL`).join(' ');

/** JWT_SECRET, or the secret `npm start` keeps in .data/jwt-secret; undefined when neither exists. */
export function jwtSecret(): string | undefined {
  const secretFile = join(process.env.INTEGRITY_DATA_DIR ?? '.data', 'jwt-secret');
  return process.env.JWT_SECRET ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
}

/** Issues (and caches) development tokens with one secret. */
export class Tokens {
  private readonly cache = new Map<string, string>();
  constructor(private readonly secret: string) {}

  get(role: Role, sub = `demo-${role}`, bin?: string): string {
    const key = `${role}|${sub}|${bin ?? ''}`;
    let token = this.cache.get(key);
    if (!token) {
      token = issueDevToken(this.secret, { sub, role, bin }, { expiresIn: '12h' });
      this.cache.set(key, token);
    }
    return token;
  }
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message);
  }
}

/** Each service's typed client: a route, parameter or body the service no longer has fails to type-check. */
export type Clients = { [S in ServiceName]: ApiClient<S> };

export function createClients(urls: Record<ServiceName, string>): Clients {
  const client = <S extends ServiceName>(service: S) =>
    createApiClient(service, urls[service], { fetch: patientFetch(service) });
  return Object.fromEntries(SERVICE_REGISTRY.map(({ name }) => [name, client(name)])) as Clients;
}

/** The headers of a call: the caller's token and the thread it belongs to. */
export function as(token: string, correlationId?: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...(correlationId ? { 'x-correlation-id': correlationId } : {}) };
}

/** fetch that waits for a service: network errors and 502/503/504 are retried a few times, 30 s an attempt. */
function patientFetch(service: ServiceName): (request: Request) => Promise<Response> {
  return async (request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(request.clone(), { signal: AbortSignal.timeout(30_000) });
        if ([502, 503, 504].includes(response.status) && attempt < 5) {
          await sleep(200 * attempt);
          continue;
        }
        return response;
      } catch (error) {
        if (attempt >= 5) {
          const url = new URL(request.url);
          throw new Error(
            `${service} ${request.method} ${url.pathname}: ${(error as Error).message} (is ${url.origin} running?)`,
            { cause: error },
          );
        }
        await sleep(200 * attempt);
      }
    }
  };
}

/** What a typed call answered, which must be one of the expected statuses; otherwise an HttpError naming the request. */
export async function expectStatus<D>(
  expected: number[],
  call: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<D> {
  const { data, error, response } = await call;
  if (!expected.includes(response.status)) {
    const url = new URL(response.url);
    throw new HttpError(
      `${url.origin} ${url.pathname}${url.search} answered ${response.status}: ${JSON.stringify(error ?? data).slice(0, 500)}`,
      response.status,
      error ?? data,
    );
  }
  return data as D;
}

/** Reads every page of a typed list route ({ items, total }) with the given page size. */
export async function everyPage<T>(
  read: (page: {
    page: number;
    limit: number;
  }) => Promise<{ data?: { items: T[]; total: number }; error?: unknown; response: Response }>,
  limit = 200,
): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const body = await expectStatus([200], read({ page, limit }));
    items.push(...body.items);
    if (body.items.length < limit || items.length >= body.total) return items;
  }
}

/** Runs fn over items with at most `limit` in flight; the first failure stops new work and is rethrown. */
export async function pool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  onDone?: () => void,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await fn(items[index], index);
        onDone?.();
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/** Polls fn until accept() holds; throws naming `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const outcome = await pollUntil(fn, accept, timeoutMs, intervalMs);
  if (outcome.reached) return outcome.value;
  const { lastError } = outcome;
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
  );
}

/** A random BIN/IIN with a correct check digit (the Kazakh rule the budgets service checks, binCheckDigit). */
export function randomBin(): string {
  for (;;) {
    const head = String(Math.floor(Math.random() * 1e11)).padStart(11, '0');
    const control = binCheckDigit(head);
    if (control !== null) return head + control;
  }
}
