import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { errorHandler, notFoundOrMethodNotAllowed, validationErrorHook } from './http/error-handlers.ts';
import { errorResponse } from './http/error-response.ts';
import { observeRequests } from './http/request-observer.ts';
import type { AggregatorMetrics } from './observability/metrics-registry.ts';
import { registerHealthRoute } from './routes/health-route.ts';
import { registerMetricsRoute } from './routes/metrics-route.ts';
import { registerOpenApiDocument } from './routes/openapi-document.ts';
import type { HealthService } from './services/health.ts';

export interface AppDependencies {
  health: HealthService;
  metrics: AggregatorMetrics;
  logger: Logger;
  bodyLimitBytes: number;
  version: string;
}

/** The HTTP face of the aggregator: middleware, error shape and routes, with no knowledge of sockets. */
export function createAggregatorApp(deps: AppDependencies): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: validationErrorHook });

  app.use('*', requestId());
  app.use('*', observeRequests(deps.logger, deps.metrics));
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      // The rest of the body is never read, so the connection cannot carry another request: say so, or
      // a keep-alive client would send its next request into a socket the server is about to drop.
      onError: (c) =>
        errorResponse(c, 413, `Request body exceeds the limit of ${deps.bodyLimitBytes} bytes`, {
          Connection: 'close',
        }),
    }),
  );

  app.notFound(notFoundOrMethodNotAllowed(app));
  app.onError(errorHandler(deps.logger));

  registerHealthRoute(app, deps.health);
  registerMetricsRoute(app, deps.metrics.registry);
  registerOpenApiDocument(app, deps.version);
  return app;
}
