import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AggregatorMetrics } from '../observability/metrics-registry.ts';
import { routeLabel } from './route-label.ts';

/**
 * One log line and one metrics sample per request. Deliberately absent: bodies, query strings, headers and
 * the client's address — the service has no use for them, so it does not keep them.
 */
export function observeRequests(logger: Logger, metrics: AggregatorMetrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const status = c.res.status;
      const route = routeLabel(c);
      const labels = { method: c.req.method, route, status: String(status) };
      metrics.httpRequests.inc(labels);
      metrics.httpRequestDuration.observe(labels, seconds);
      const line = {
        reqId: c.get('requestId'),
        method: c.req.method,
        route,
        path: c.req.path,
        status,
        ms: Math.round(seconds * 1000 * 10) / 10,
      };
      if (status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    }
  };
}
