import type { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorResponseSchema } from '../http/error-response.ts';

export const OPENAPI_PATH = '/openapi.json';

const DESCRIPTION = [
  'Self-hostable aggregator for Cognitive Firewall.',
  'Trust model: devices send this service only what their users opted in to, and never chat text, prompts, ' +
    'URLs or excerpts. The operator is trusted to keep the service available, not to be honest: it can see, ' +
    "delay or refuse whatever reaches it, so what it accepts must carry devices' signatures and what it " +
    'publishes must be checkable by anyone without trusting it. The service keeps no client IP addresses.',
  'Every error response has the shape `{ "error": { "code", "message" } }` (schema `Error`).',
].join('\n\n');

export function registerOpenApiDocument(app: OpenAPIHono, version: string): void {
  // Routes answer errors from the global handlers, not from their own definitions, so the shared error
  // schema is registered once here rather than repeated on every operation.
  app.openAPIRegistry.register('Error', ErrorResponseSchema);
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: { title: 'Cognitive Firewall aggregator', version, description: DESCRIPTION },
  });
}
