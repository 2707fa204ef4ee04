import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { HealthService } from '../services/health.ts';

const HealthOkSchema = z
  .object({
    status: z.literal('ok'),
    db: z.literal('ok'),
    version: z.string().openapi({ description: 'Version of the aggregator build.', example: '0.1.0' }),
    schemaVersion: z.number().int().openapi({ description: 'Latest database migration applied.' }),
    instanceId: z
      .string()
      .openapi({ description: 'Fixed when the database was created; shared by all instances on it.' }),
  })
  .openapi('HealthOk');

const HealthUnavailableSchema = z
  .object({
    status: z.literal('unavailable'),
    db: z.literal('error'),
    version: z.string(),
  })
  .openapi('HealthUnavailable');

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness and database health',
  description: 'Reads the service metadata row from the database; 503 when that read fails or times out.',
  responses: {
    200: {
      description: 'Serving, database reachable',
      content: { 'application/json': { schema: HealthOkSchema } },
    },
    503: {
      description: 'Database unreachable',
      content: { 'application/json': { schema: HealthUnavailableSchema } },
    },
  },
});

export function registerHealthRoute(app: OpenAPIHono, health: HealthService): void {
  app.openapi(healthRoute, async (c) => {
    const report = await health.check();
    // No caching anywhere between a probe and the database.
    c.header('Cache-Control', 'no-store');
    return report.status === 'ok' ? c.json(report, 200) : c.json(report, 503);
  });
}
