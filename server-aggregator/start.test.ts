import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from './config.ts';
import { SERVICE_VERSION } from './service-version.ts';
import { type RunningAggregator, startAggregator } from './start.ts';
import { LATEST_SCHEMA_VERSION } from './storage/migrations/index.ts';
import { PGLITE_SUBDIR } from './storage/open-database.ts';

const quiet = pino({ level: 'silent' });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// One embedded database for the whole file: creating a fresh PGlite folder costs seconds, reopening one
// well under one (see the timings in the aggregator's notes).
describe('startAggregator with embedded PGlite', () => {
  let dataDir: string;
  let aggregator: RunningAggregator;
  let firstInstanceId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cogfw-aggregator-'));
    aggregator = await startAggregator({ port: 0, dataDir, logger: quiet, env: {} });
  });

  afterAll(async () => {
    await aggregator.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports the port the system chose', () => {
    expect(aggregator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(aggregator.url).not.toMatch(/:0$/);
  });

  it('GET /healthz → 200 with the database read back', async () => {
    const response = await fetch(`${aggregator.url}/healthz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({
      status: 'ok',
      db: 'ok',
      version: SERVICE_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      instanceId: expect.stringMatching(UUID),
    });
    firstInstanceId = body.instanceId;
  });

  it('GET /openapi.json → an OpenAPI 3.1 document of exactly the routes served', async () => {
    const response = await fetch(`${aggregator.url}/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Cognitive Firewall aggregator', version: SERVICE_VERSION });
    expect(doc.info.description).toMatch(/Trust model:/);
    expect(Object.keys(doc.paths).sort()).toEqual(['/healthz', '/metrics']);
    expect(Object.keys(doc.paths['/healthz'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/healthz'].get.responses).sort()).toEqual(['200', '503']);
    expect(doc.paths['/healthz'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/HealthOk',
    });
    expect(Object.keys(doc.paths['/metrics'].get.responses['200'].content)).toEqual(['text/plain']);
    expect(doc.components.schemas.Error.required).toEqual(['error']);
    expect(doc.components.schemas.HealthOk.required).toEqual(
      expect.arrayContaining(['status', 'db', 'version', 'instanceId', 'schemaVersion']),
    );
  });

  it('GET /metrics → Prometheus text with default metrics and the requests counted so far', async () => {
    await fetch(`${aggregator.url}/healthz`);
    await fetch(`${aggregator.url}/does-not-exist`);
    const response = await fetch(`${aggregator.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/healthz",status="200"\} [2-9]\d*$/m);
    expect(text).toMatch(/^http_requests_total\{method="GET",route="unmatched",status="404"\} 1$/m);
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('unknown path → 404 in the common error shape', async () => {
    const response = await fetch(`${aggregator.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /v1/nothing-here' },
    });
  });

  const oversized: [string, () => RequestInit][] = [
    ['with Content-Length', () => ({ method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) })],
    [
      'chunked, without Content-Length',
      () => ({
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(64 * 1024));
            controller.close();
          },
        }),
        duplex: 'half',
      }),
    ],
  ];
  it.each(oversized)('oversized POST %s → 413, and the service keeps answering', async (_name, init) => {
    const response = await fetch(`${aggregator.url}/healthz`, init() as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: 'Request body exceeds the limit of 1048576 bytes' },
    });
    expect((await fetch(`${aggregator.url}/healthz`)).status).toBe(200);
  });

  it('refuses a second instance on the same data folder while the first runs', async () => {
    await expect(startAggregator({ port: 0, dataDir, logger: quiet, env: {} })).rejects.toThrow(
      `is in use by process ${process.pid}`,
    );
    expect((await fetch(`${aggregator.url}/healthz`)).status).toBe(200);
  });

  it('restarts on the same folder without re-applying migrations, and keeps its identity', async () => {
    await aggregator.close();
    await aggregator.close(); // idempotent
    await expect(fetch(`${aggregator.url}/healthz`)).rejects.toThrow();

    aggregator = await startAggregator({ port: 0, dataDir, logger: quiet, env: {} });
    const body = await (await fetch(`${aggregator.url}/healthz`)).json();
    expect(body).toMatchObject({
      status: 'ok',
      instanceId: firstInstanceId,
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
    await aggregator.close();

    const applied = await readAppliedMigrations(dataDir);
    expect(applied).toEqual(['0001-service-meta']);
    expect(applied).toHaveLength(LATEST_SCHEMA_VERSION);

    aggregator = await startAggregator({ port: 0, dataDir, logger: quiet, env: {} });
  });

  it('refuses a database migrated by a newer build, and leaves the folder usable', async () => {
    await aggregator.close();
    const pglite = await PGlite.create(join(dataDir, PGLITE_SUBDIR));
    await pglite.query(
      `insert into kysely_migration (name, timestamp) values ('9999-from-the-future', 'now')`,
    );
    await pglite.close();

    await expect(startAggregator({ port: 0, dataDir, logger: quiet, env: {} })).rejects.toThrow(
      /migration failed: .*9999-from-the-future is missing \(was this database migrated by a newer version/,
    );

    const repaired = await PGlite.create(join(dataDir, PGLITE_SUBDIR));
    await repaired.query(`delete from kysely_migration where name = '9999-from-the-future'`);
    await repaired.close();
    aggregator = await startAggregator({ port: 0, dataDir, logger: quiet, env: {} });
    expect((await fetch(`${aggregator.url}/healthz`)).status).toBe(200);
  });
});

describe('startAggregator refuses bad configuration before touching storage', () => {
  it.each([
    [{ PORT: 'eighty' }, 'PORT: must be a whole number'],
    [{ DATABASE_URL: 'sqlite://x' }, 'DATABASE_URL: must be a postgres:// URL'],
  ])('%o', async (env, problem) => {
    const attempt = startAggregator({ logger: quiet, env, dataDir: join(tmpdir(), 'cogfw-never-created') });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(problem);
  });
});

async function readAppliedMigrations(dataDir: string): Promise<string[]> {
  const pglite = await PGlite.create(join(dataDir, PGLITE_SUBDIR));
  try {
    const result = await pglite.query<{ name: string }>('select name from kysely_migration order by name');
    return result.rows.map((row) => row.name);
  } finally {
    await pglite.close();
  }
}
