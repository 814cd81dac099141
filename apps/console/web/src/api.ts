import { createApiClient, type ApiClient, type ApiService } from '@app/api-client';
import type { OidcSettings } from './oidc-settings';
import { session } from './session';

export type { OidcSettings };

/**
 * The services, each through the console's own origin (/api/<service>/): the browser talks to nobody else, and
 * the services answer as they would anyone (status, body, ETag unchanged). Typed by their OpenAPI documents.
 */
function client<S extends ApiService>(service: S): ApiClient<S> {
  const api = createApiClient(service, `${window.location.origin}/api/${service}`);
  api.use({
    onRequest({ request }) {
      const signedIn = session();
      if (signedIn) request.headers.set('Authorization', `Bearer ${signedIn.token}`);
      return request;
    },
  });
  return api;
}

export const api = {
  budgets: client('budgets'),
  monitoring: client('monitoring'),
  roadCases: client('road-cases'),
  fines: client('fines'),
};

/** A service's refusal: its status and its JSON error ({ statusCode, error, message, … }). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string | string[]; [field: string]: unknown } | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(
      status === 0
        ? 'network'
        : `${status}: ${Array.isArray(body?.message) ? body.message.join('; ') : (body?.message ?? '')}`,
    );
  }

  /** A command sent with If-Match after someone else changed the record: 409 version_conflict. */
  get isVersionConflict(): boolean {
    return this.status === 409 && this.body?.error === 'version_conflict';
  }
}

export interface Answer<T> {
  data: T;
  etag: string | null;
}

/** The answer's data and ETag, or an ApiError; a fetch that never reached the console is status 0. */
export async function answer<T>(
  request: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<Answer<NonNullable<T>>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch {
    throw new ApiError(0, undefined, undefined);
  }
  const { data, error, response } = result;
  if (!response.ok || data === undefined) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      (error as ApiError['body']) ?? undefined,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }
  return { data: data as NonNullable<T>, etag: response.headers.get('etag') };
}

/** The answer's data alone, as a read wants it (no ETag), or an ApiError as `answer` throws it. */
export async function dataOf<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>) {
  return (await answer(request)).data;
}

/** A fresh Idempotency-Key per user action, so a retried command never runs twice. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // crypto.randomUUID is for secure contexts only (a plain http:// address other than localhost is not one).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** If-Match for the version a page last read. */
export const ifMatch = (version: number) => `"${version}"`;

/** The console's own settings (GET /console/config). */
export interface ConsoleSettings {
  devSignIn: boolean;
  tileUrl: string | null;
  oidc: OidcSettings | null;
}

export async function consoleSettings(): Promise<ConsoleSettings> {
  const response = await fetch('/console/config');
  if (!response.ok) throw new ApiError(response.status, undefined, undefined);
  return (await response.json()) as ConsoleSettings;
}
