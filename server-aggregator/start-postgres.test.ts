import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAggregator, startAggregator } from './start.ts';
import { LATEST_SCHEMA_VERSION } from './storage/migrations/index.ts';

/**
 * The PostgreSQL variant runs against a real server: COGFW_TEST_DATABASE_URL, or the local one this project
 * develops against. Each run creates its own database and drops it afterwards.
 */
const ADMIN_URL = process.env.COGFW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const reachable = await canConnect(ADMIN_URL);
if (!reachable) {
  console.warn(
    `PostgreSQL is not reachable at ${redact(ADMIN_URL)}: SKIPPING the PostgreSQL aggregator tests.`,
  );
}

const quiet = pino({ level: 'silent' });

describe.skipIf(!reachable)('startAggregator on PostgreSQL', () => {
  const databaseName = `cogfw_aggregator_test_${randomBytes(6).toString('hex')}`;
  const databaseUrl = withDatabase(ADMIN_URL, databaseName);
  const running: RunningAggregator[] = [];

  beforeAll(async () => {
    await admin(`create database ${databaseName}`);
  });

  afterAll(async () => {
    await Promise.all(running.map((aggregator) => aggregator.close()));
    await admin(`drop database if exists ${databaseName} with (force)`);
  });

  it('three instances starting at once on a fresh database migrate it exactly once and agree on its id', async () => {
    const started = await Promise.all(
      [1, 2, 3].map(() => startAggregator({ port: 0, databaseUrl, logger: quiet, env: {} })),
    );
    running.push(...started);
    const bodies = await Promise.all(
      started.map(async ({ url }) => {
        const response = await fetch(`${url}/healthz`);
        expect(response.status).toBe(200);
        return response.json();
      }),
    );
    const ids = new Set(bodies.map((body) => body.instanceId));
    expect(ids.size).toBe(1);
    for (const body of bodies)
      expect(body).toMatchObject({ status: 'ok', db: 'ok', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(await query(databaseUrl, 'select name from kysely_migration order by name')).toEqual([
      { name: '0001-service-meta' },
    ]);
    expect(await query(databaseUrl, 'select count(*)::int as rows from service_meta')).toEqual([{ rows: 1 }]);
  });

  it('a restart finds nothing to migrate and keeps the id', async () => {
    const [first] = running;
    if (first === undefined) throw new Error('needs the instances of the previous test');
    const before = await (await fetch(`${first.url}/healthz`)).json();
    await Promise.all(running.splice(0).map((aggregator) => aggregator.close()));

    const again = await startAggregator({ port: 0, databaseUrl, logger: quiet, env: {} });
    running.push(again);
    expect(await (await fetch(`${again.url}/healthz`)).json()).toMatchObject({
      instanceId: before.instanceId,
    });
    expect(await query(databaseUrl, 'select count(*)::int as n from kysely_migration')).toEqual([{ n: 1 }]);
  });

  it('fails clearly when its port is taken, and closes its database connections', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => {
        const address = blocker.address();
        resolve(typeof address === 'object' && address !== null ? address.port : -1);
      });
    });
    const before = await otherConnections(databaseUrl);
    try {
      await expect(startAggregator({ port, databaseUrl, logger: quiet, env: {} })).rejects.toThrow(
        `cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`,
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // Its migration check opened connections; a pool left open would keep them idle for seconds. The
    // server drops a backend shortly after the client leaves, hence the short wait.
    let after = await otherConnections(databaseUrl);
    for (let tries = 0; after > before && tries < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await otherConnections(databaseUrl);
    }
    expect(after).toBeLessThanOrEqual(before);
  });
});

async function otherConnections(url: string): Promise<number> {
  const [row] = await query(
    url,
    'select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return (row as { n: number }).n;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(statement: string): Promise<void> {
  await query(ADMIN_URL, statement);
}

async function query(url: string, statement: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
