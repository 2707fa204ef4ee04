import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Registry } from 'prom-client';

export const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus metrics',
  description: 'Node process metrics and HTTP request counts and durations by route pattern and status.',
  responses: {
    200: {
      description: 'Prometheus text exposition format',
      content: { 'text/plain': { schema: z.string() } },
    },
  },
});

export function registerMetricsRoute(app: OpenAPIHono, registry: Registry): void {
  app.openapi(metricsRoute, async (c) => {
    const text = await registry.metrics();
    return c.text(text, 200, { 'Content-Type': registry.contentType });
  });
}
