import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/**
 * The route pattern that answered (e.g. "/v1/models/:version"), or "unmatched". Metrics and logs are
 * labelled with patterns, never raw paths, so that arbitrary URLs cannot blow up the number of series.
 */
export function routeLabel(c: Context): string {
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  return handler?.path ?? 'unmatched';
}
