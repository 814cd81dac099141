import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from './request-context';

const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes X-Correlation-Id / X-Request-Id from the caller when well-formed, else makes them, and echoes them back. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const header = (name: string) => {
    const value = req.header(name);
    return value && ID_PATTERN.test(value) ? value : undefined;
  };
  const requestId = header('x-request-id') ?? randomUUID();
  const givenCorrelation = header('x-correlation-id');
  const correlationId = givenCorrelation ?? requestId;
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('X-Correlation-Id', correlationId);
  requestContext.run({ correlationId, requestId, correlationGiven: givenCorrelation !== undefined }, next);
}
