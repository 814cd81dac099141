import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { tap, type Observable } from 'rxjs';

const CARRIED = Symbol('answer headers');

/**
 * Response headers an answer carries to the response it goes out in (the ETag of the version it shows), so a handler
 * needs no @Res to set them: AnswerHeadersInterceptor sets them as the answer leaves the handler.
 */
export class AnswerHeaders {
  private readonly values = new Map<string, string>();

  /**
   * As the response's own setHeader: the OpenAPI generator (route-response-schemas.ts) finds the headers a route sets
   * by the setHeader calls its handler makes, in its own body or in the functions it calls, so it finds these too.
   */
  setHeader(name: string, value: string): this {
    this.values.set(name, value);
    return this;
  }

  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}

type Carrying = { [CARRIED]?: AnswerHeaders };

/** The headers this answer carries, to set one: created on first use. */
export function answerHeaders(answer: object): AnswerHeaders {
  const carried = (answer as Carrying)[CARRIED];
  if (carried) return carried;
  const headers = new AnswerHeaders();
  // Enumerable, so a spread of the answer ({ ...answer, more }) carries them too; a symbol key, so JSON never shows it.
  Object.defineProperty(answer, CARRIED, { value: headers, enumerable: true });
  return headers;
}

/** The headers an answer carries, if it is an object that carries any. */
export function carriedHeaders(answer: unknown): AnswerHeaders | undefined {
  return answer !== null && typeof answer === 'object' ? (answer as Carrying)[CARRIED] : undefined;
}

/**
 * Sets on the response the headers its answer carries. Registered after IdempotencyInterceptor, so it runs inside it:
 * the headers are on the response before the idempotency store keeps the answer to replay.
 */
@Injectable()
export class AnswerHeadersInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      tap((answer) => {
        for (const [name, value] of carriedHeaders(answer)?.entries() ?? []) response.setHeader(name, value);
      }),
    );
  }
}
