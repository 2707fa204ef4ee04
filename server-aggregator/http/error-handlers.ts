import type { Hook } from '@hono/zod-openapi';
import type { Context, Env, ErrorHandler, Hono, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import type { ZodError } from 'zod';
import { errorResponse } from './error-response.ts';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Hono answers a known path with an unknown method as "not found"; clients deserve 405 with an Allow header
 * instead. The app's own router is asked, so the answer can never drift from the routes actually served.
 */
export function notFoundOrMethodNotAllowed(app: Hono<Env>): NotFoundHandler {
  return (c) => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      return errorResponse(c, 405, `Method ${c.req.method} is not allowed for ${c.req.path}`, {
        Allow: allowed.join(', '),
      });
    }
    return errorResponse(c, 404, `No route for ${c.req.method} ${c.req.path}`);
  };
}

function allowedMethods(app: Hono<Env>, path: string): string[] {
  const allowed = METHODS.filter((method) =>
    // Middleware is registered for ALL methods and matches every path; only real routes count.
    app.router.match(method, path)[0].some(([[, route]]) => route.method === method),
  );
  // Hono serves HEAD from the GET route.
  return allowed.includes('GET') && !allowed.includes('HEAD') ? [...allowed, 'HEAD'] : [...allowed];
}

/**
 * Errors raised on purpose (HTTPException, e.g. malformed JSON) keep their status and message; anything
 * else is a bug, logged in full and answered without internals.
 */
export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof HTTPException) {
      if (error.status >= 500)
        logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
      return errorResponse(c, error.status, error.message || statusText(error.status));
    }
    logger.error({ err: error, method: c.req.method, path: c.req.path }, 'request failed');
    return errorResponse(c, 500, 'Internal server error');
  };
}

function statusText(status: number): string {
  return status === 400 ? 'Bad request' : `Request failed with status ${status}`;
}

/** The zod-openapi validation hook: invalid input becomes a 400 naming each problem and where it was. */
export const validationErrorHook: Hook<unknown, Env, string, Response | undefined> = (result, c: Context) => {
  if (result.success) return undefined;
  return errorResponse(c, 400, describeIssues(result.target, result.error));
};

function describeIssues(target: string, error: ZodError): string {
  return error.issues
    .map((issue) => {
      const at = [target, ...issue.path.map(String)].join('.');
      return `${at}: ${issue.message}`;
    })
    .join('; ');
}
