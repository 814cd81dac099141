import type { Role } from '@app/platform';
import { bearer, eventually, http, type HttpResult, type ServiceProcess } from '@app/testing';

/** The service's base URL, or the service itself (its url read at the time of the call: it may have restarted). */
type Target = string | { url: string };
const baseOf = (target: Target) => (typeof target === 'string' ? target : target.url);

/** A request to a service as `role` (none: no token); non-2xx answers are returned, not thrown. */
export const callAs = (
  target: Target,
  method: string,
  path: string,
  role?: Role,
  body?: unknown,
): Promise<HttpResult> => http(method, `${baseOf(target)}${path}`, { body, headers: role ? bearer(role) : {} });

/**
 * callAs bound to one service, with extra headers (if-match, idempotency-key, ...) and, for an official, the BIN of
 * the institution the token speaks for: the call of the specs that send conditional or institution-bound requests.
 * A function for the target is read at each call, for a service a beforeAll assigns later.
 */
export const callerOf =
  (target: Target | (() => Target)) =>
  (
    method: string,
    path: string,
    role?: Role,
    body?: unknown,
    headers: Record<string, string> = {},
    bin?: string,
  ): Promise<HttpResult> =>
    http(method, `${baseOf(typeof target === 'function' ? target() : target)}${path}`, {
      body,
      headers: { ...(role ? bearer(role, undefined, bin) : {}), ...headers },
    });

/** A command that must answer `status` (201 by default): the answer's body, or an error naming what came instead. */
export async function expectAnswer(
  target: Target,
  method: string,
  path: string,
  role: Role | undefined,
  body: unknown,
  status = 201,
): Promise<any> {
  const response = await callAs(target, method, path, role, body);
  if (response.status !== status) {
    const where = typeof target === 'object' && 'app' in target ? ` on ${String(target.app)}` : '';
    throw new Error(`${method} ${path}${where} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** Polls the service's /health/ready until it answers 200. */
export const untilReady = (service: ServiceProcess, { timeoutMs = 60_000, intervalMs = 250 } = {}) =>
  eventually(
    () => http('GET', `${service.url}/health/ready`),
    (r) => r.status === 200,
    { timeoutMs, intervalMs, what: `${service.app} ready` },
  );

/** Rethrows a failed wait with the last output of each process, which usually says why. */
export const withOutputOf =
  (processes: () => Iterable<ServiceProcess>) =>
  <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: Error) => {
      const tails = [...processes()]
        .map((s) => `--- ${s.app} (pid ${s.child.pid}) ---\n${s.output().slice(-1500)}`)
        .join('\n');
      throw new Error(`${error.message}\n${tails}`);
    });

/** The types of the events a /history answer lists, oldest first: what the history tests compare. */
export const eventTypes = (history: HttpResult): string[] =>
  history.body.events.map((event: { type: string }) => event.type);

/**
 * A ping from `from` received by `to` through the broker: sent again until `from` accepts it (its producer may be
 * reconnecting, and an operator would retry), then polled on `to`. Resolves with what `to` recorded.
 */
export async function pingDelivered(from: ServiceProcess, to: ServiceProcess): Promise<HttpResult> {
  const sent = await eventually(
    () => http('POST', `${from.url}/ops/pings`, { headers: bearer('operator') }),
    (r) => r.status === 202,
    { timeoutMs: 30_000, what: `ping accepted by ${from.app}` },
  );
  return eventually(
    () => http('GET', `${to.url}/ops/pings/${sent.body.pingId}`, { headers: bearer('operator') }),
    (r) => r.status === 200,
    { timeoutMs: 60_000, what: `ping from ${from.app} received by ${to.app}` },
  );
}
