import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext, type RequestContext } from './request-context';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Requests whose correlation id the caller chose (X-Correlation-Id, or an X-Request-Id it defaulted to). */
const chosenByCaller = new WeakSet<RequestContext>();

/** Takes X-Correlation-Id / X-Request-Id from the caller when well-formed, else makes them, and echoes them back. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const header = (name: string) => {
    const value = req.header(name);
    return value && ID_PATTERN.test(value) ? value : undefined;
  };
  const givenRequestId = header('x-request-id');
  const requestId = givenRequestId ?? randomUUID();
  const givenCorrelation = header('x-correlation-id');
  const correlationId = givenCorrelation ?? requestId;
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('X-Correlation-Id', correlationId);
  const context: RequestContext = { correlationId, requestId, correlationGiven: givenCorrelation !== undefined };
  if (givenCorrelation ?? givenRequestId) chosenByCaller.add(context);
  requestContext.run(context, next);
}

/**
 * A caller without a token may not choose the audit thread its request joins: otherwise anyone could add events to
 * someone else's thread by sending its id. This middleware runs before authentication, so AuthGuard calls this once
 * it knows the caller is anonymous; the request then goes on under a thread of its own, and the answer says which.
 */
export function disownCallerCorrelation(res: Response): void {
  const context = requestContext.current();
  if (!context || !chosenByCaller.has(context)) return;
  chosenByCaller.delete(context);
  context.correlationId = randomUUID();
  context.correlationGiven = false;
  res.setHeader('X-Correlation-Id', context.correlationId);
}
