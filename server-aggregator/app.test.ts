import { Writable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAggregatorApp } from './app.ts';
import { createMetrics } from './observability/metrics-registry.ts';
import type { HealthReport } from './services/health.ts';

/** An app whose log lines are captured, with two extra routes that exercise validation and failures. */
function appUnderTest(health: HealthReport = { status: 'unavailable', db: 'error', version: '0.0.0-test' }) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const metrics = createMetrics();
  const app = createAggregatorApp({
    health: { check: async () => health },
    metrics,
    logger: pino({ level: 'info' }, sink),
    bodyLimitBytes: 64,
    version: '0.0.0-test',
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/echo/{n}',
      request: {
        params: z.object({ n: z.coerce.number().int() }),
        body: { content: { 'application/json': { schema: z.object({ word: z.string().max(8) }) } } },
      },
      responses: {
        200: {
          description: 'echo',
          content: { 'application/json': { schema: z.object({ word: z.string() }) } },
        },
      },
    }),
    (c) => c.json({ word: c.req.valid('json').word }, 200),
  );
  app.get('/explode', () => {
    throw new Error('secret internal detail');
  });
  return { app, lines, metrics };
}

const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('error responses share one shape', () => {
  const cases: [string, string, RequestInit, number, string, RegExp][] = [
    ['unknown path', '/nowhere', {}, 404, 'not_found', /^No route for GET \/nowhere$/],
    [
      'wrong method',
      '/healthz',
      { method: 'DELETE' },
      405,
      'method_not_allowed',
      /DELETE is not allowed for \/healthz/,
    ],
    [
      'wrong method on a parameterised route',
      '/echo/3',
      { method: 'GET' },
      405,
      'method_not_allowed',
      /GET is not allowed/,
    ],
    ['invalid path parameter', '/echo/three', json({ word: 'hi' }), 400, 'invalid_request', /^param\.n: /],
    ['invalid body', '/echo/3', json({ word: 'far too long' }), 400, 'invalid_request', /^json\.word: /],
    [
      'malformed JSON',
      '/echo/3',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"word":' },
      400,
      'invalid_request',
      /malformed json/i,
    ],
    [
      'body over the limit',
      '/echo/3',
      json({ word: 'x'.repeat(100) }),
      413,
      'payload_too_large',
      /limit of 64 bytes/,
    ],
    ['handler failure', '/explode', {}, 500, 'internal_error', /^Internal server error$/],
  ];
  it.each(cases)('%s → %i', async (_name, path, init, status, code, message) => {
    const { app } = appUnderTest();
    const response = await app.request(path, init);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message']);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
  });

  it('names the allowed methods on 405', async () => {
    const { app } = appUnderTest();
    expect((await app.request('/metrics', { method: 'POST' })).headers.get('allow')).toBe('GET, HEAD');
    expect((await app.request('/echo/1', { method: 'PUT' })).headers.get('allow')).toBe('POST');
  });

  it('answers a valid request to the validated route', async () => {
    const { app } = appUnderTest();
    const response = await app.request('/echo/3', json({ word: 'hi' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ word: 'hi' });
  });

  it('keeps internals out of a 500 but logs them', async () => {
    const { app, lines } = appUnderTest();
    const response = await app.request('/explode');
    expect(await response.text()).not.toContain('secret internal detail');
    const failure = lines.find((line) => line.msg === 'request failed');
    expect(JSON.stringify(failure)).toContain('secret internal detail');
  });
});

describe('/healthz reflects the health service', () => {
  const cases: [HealthReport, number][] = [
    [{ status: 'ok', db: 'ok', version: '1', schemaVersion: 1, instanceId: 'i' }, 200],
    [{ status: 'unavailable', db: 'error', version: '1' }, 503],
  ];
  it.each(cases)('%o → %i', async (report, status) => {
    const { app } = appUnderTest(report);
    const response = await app.request('/healthz');
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(report);
  });
});

describe('request log', () => {
  it('writes one line per request with route pattern and status, and nothing from the request itself', async () => {
    const { app, lines } = appUnderTest();
    await app.request('/echo/7?token=querysecret', {
      ...json({ word: 'bodyword' }),
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '203.0.113.9',
        cookie: 'c=cookiesecret',
      },
    });
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: 'POST', route: '/echo/:n', path: '/echo/7', status: 200 });
    expect(requests[0]?.reqId).toEqual(expect.any(String));
    const everything = JSON.stringify(lines);
    for (const leaked of ['bodyword', 'querysecret', '203.0.113.9', 'cookiesecret']) {
      expect(everything).not.toContain(leaked);
    }
  });
});

describe('request metrics', () => {
  it('counts by route pattern and status, never by raw path', async () => {
    const { app, metrics } = appUnderTest();
    await app.request('/echo/1', json({ word: 'a' }));
    await app.request('/echo/2', json({ word: 'b' }));
    await app.request('/no/such/path/42');
    const text = await metrics.registry.metrics();
    expect(text).toContain('http_requests_total{method="POST",route="/echo/:n",status="200"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_count{method="POST",route="/echo/:n",status="200"} 2',
    );
    expect(text).not.toContain('/no/such/path');
  });
});
