import type { NextFunction, Request, Response } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { matchedRoute } from './matched-route';

/** Seconds; from a cached read (~1 ms) to a slow proof or rebuild (10 s). */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Times every HTTP request into `http_request_duration_seconds{method, route, status}`, route being the matched
 * template (see matchedRoute). Registered as the first middleware, so refusals by guards, pipes and filters count too.
 */
export function httpMetricsMiddleware(registry: Registry): (req: Request, res: Response, next: NextFunction) => void {
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, matched route template and status code, from arrival to the last byte of the answer',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      duration.observe({ method: req.method, route: matchedRoute(req), status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
