import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { defer, from, mergeMap, type Observable } from 'rxjs';
import { catchError } from 'rxjs/operators';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { ConflictError, DomainError } from '@app/domain-kernel';
import { JsonLogger } from '../logging/json-logger';
import {
  ANONYMOUS_PRINCIPAL,
  IDEMPOTENCY_CONTENT,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  idempotencyRequestHash,
  parseIdempotencyKey,
} from './idempotency-key';
import { IdempotencyStore, type StoredAnswer } from './idempotency-store';

/** How long a request waits for another holding its key to finish before it answers 409. */
const IN_PROGRESS_WAIT_MS = 3_000;
const POLL_MS = 50;
/** The answer headers a replay gives again; the rest (Date, trace ids...) belong to the response that carries it. */
const REPLAYED_HEADERS = ['content-type', 'etag', 'location', 'content-disposition'];

export class IdempotencyKeyReusedError extends DomainError {
  readonly httpStatus = 422;
  constructor(key: string) {
    super(
      'idempotency_key_reused',
      `${IDEMPOTENCY_KEY_HEADER} ${JSON.stringify(key)} was used for another request: send a new key for a new request`,
      { field: IDEMPOTENCY_KEY_HEADER },
    );
  }
}

/**
 * Idempotency-Key on every POST: the first answer to (principal, key) is stored with the request's hash, and a
 * retry of the same request gets that answer again (Idempotent-Replayed: true) without running the handler. A
 * claim row is written before the handler runs, so two requests with one key never both run: the second waits for
 * the first's answer, then replays it, or answers 409 if it is still running. A 5xx is not stored (the key is
 * released for a retry); a 4xx is, except 429. Guards run first: a 401, 403 or 429 from them is never stored.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;

  constructor(
    dataSource: DataSource,
    private readonly logger: JsonLogger,
  ) {
    this.store = new IdempotencyStore(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & Request>();
    if (request.method !== 'POST') return next.handle();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]);
    if (key === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const principal = request.principal ? `sub:${request.principal.sub}` : ANONYMOUS_PRINCIPAL;
    const content = (request as { [IDEMPOTENCY_CONTENT]?: unknown })[IDEMPOTENCY_CONTENT] ?? request.body;
    const hash = idempotencyRequestHash(request.method, request.originalUrl, content);
    return from(this.settle(principal, key, hash, response)).pipe(
      mergeMap((outcome) => {
        if (outcome.kind === 'replay') return [replay(response, outcome.answer)];
        const { claimId } = outcome;
        return next.handle().pipe(
          mergeMap((value) => defer(() => this.storeSuccess(principal, key, claimId, response, value))),
          catchError((error: unknown) => {
            // The exception filter writes the answer: it is stored as it goes out.
            this.storeWhenSent(principal, key, claimId, response);
            throw error;
          }),
        );
      }),
    );
  }

  /** Claims the key, or waits for the request that holds it; the answer to replay, or the claim to run under. */
  private async settle(
    principal: string,
    key: string,
    hash: string,
    response: Response,
  ): Promise<{ kind: 'run'; claimId: string } | { kind: 'replay'; answer: StoredAnswer }> {
    const deadline = Date.now() + IN_PROGRESS_WAIT_MS;
    for (;;) {
      const claim = await this.store.claim(principal, key, hash);
      if (claim.kind === 'claimed') return { kind: 'run', claimId: claim.claimId };
      if (claim.requestHash !== hash) throw new IdempotencyKeyReusedError(key);
      if (claim.kind === 'done') return { kind: 'replay', answer: claim.answer };
      if (Date.now() >= deadline) {
        response.setHeader('Retry-After', '1');
        throw new ConflictError(
          'idempotency_key_in_progress',
          `A request with ${IDEMPOTENCY_KEY_HEADER} ${JSON.stringify(key)} is still being processed: retry shortly`,
          { field: IDEMPOTENCY_KEY_HEADER },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** A handler's success: stored before it is sent, so a retry that follows the answer always finds it. */
  private async storeSuccess(
    principal: string,
    key: string,
    claimId: string,
    response: Response,
    value: unknown,
  ): Promise<unknown> {
    const storable = value === undefined || typeof value === 'string' || isPlainJson(value);
    if (!storable || response.statusCode >= 500) {
      await this.store.release(principal, key, claimId).catch((e) => this.warn(e));
      return value;
    }
    const body = value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
    // res.json sets it when it sends; the replay needs it now.
    if (typeof value === 'object' && !response.getHeader('content-type'))
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
    await this.store
      .complete(principal, key, claimId, { status: response.statusCode, headers: answerHeaders(response), body })
      .catch((e) => this.warn(e));
    return value;
  }

  /** Wraps res.send once: the error answer is stored (a 4xx) or the key released (5xx, 429), then sent. */
  private storeWhenSent(principal: string, key: string, claimId: string, response: Response): void {
    const send = response.send;
    response.send = ((body?: unknown) => {
      response.send = send;
      const status = response.statusCode;
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
      const kept = status < 500 && status !== 429 && text !== undefined;
      const done = kept
        ? this.store.complete(principal, key, claimId, { status, headers: answerHeaders(response), body: text })
        : this.store.release(principal, key, claimId);
      void done.catch((e) => this.warn(e)).finally(() => send.call(response, body));
      return response;
    }) as Response['send'];
  }

  private warn(error: unknown): void {
    this.logger.warn(`idempotency key not stored: ${(error as Error).message}`, 'IdempotencyInterceptor');
  }
}

function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'symbol';
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

function answerHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

/** The stored answer again: its status and headers on this response, its body as the handler's result. */
function replay(response: Response, answer: StoredAnswer): unknown {
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (answer.body === '') return undefined;
  return answer.headers['content-type']?.includes('json') ? JSON.parse(answer.body) : answer.body;
}
