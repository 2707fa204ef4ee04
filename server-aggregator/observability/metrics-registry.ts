import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface AggregatorMetrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;
}

/**
 * One registry per running aggregator rather than prom-client's global one, so that several instances in
 * one process (tests, or an embedding host) neither clash on registration nor mix their numbers.
 */
export function createMetrics(): AggregatorMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  return { registry, httpRequests, httpRequestDuration };
}
