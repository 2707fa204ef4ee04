import { createServer, type Server, type Socket } from 'node:net';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AggregatorDatabase } from '../storage/schema.ts';
import { createHealthService } from './health.ts';

// The healthy path needs a migrated database and is covered end to end in start.test.ts; here the
// database is really unreachable, in the two ways that matter to a probe.
describe('health service with a failing database', () => {
  let silent: Server;
  const held: Socket[] = [];
  let closedPort: number;
  let silentPort: number;

  beforeAll(async () => {
    // Accepts connections and never answers, like a hung database host.
    silent = createServer((socket) => held.push(socket));
    silentPort = await listen(silent);
    // A port that was open a moment ago and is now closed: connection refused.
    const gone = createServer();
    closedPort = await listen(gone);
    await new Promise((resolve) => gone.close(resolve));
  });

  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  const cases: [string, () => number, number][] = [
    ['connection refused', () => closedPort, 5_000],
    ['server that never answers', () => silentPort, 1_000],
  ];
  it.each(cases)('%s → unavailable', async (_name, port, budgetMs) => {
    const db = new Kysely<AggregatorDatabase>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({
          host: '127.0.0.1',
          port: port(),
          user: 'x',
          database: 'x',
          connectionTimeoutMillis: 10_000,
        }),
      }),
    });
    const health = createHealthService({
      db,
      version: '1.2.3',
      logger: pino({ level: 'silent' }),
      timeoutMs: 300,
    });
    const started = performance.now();
    const report = await health.check();
    expect(report).toEqual({ status: 'unavailable', db: 'error', version: '1.2.3' });
    expect(performance.now() - started).toBeLessThan(budgetMs);
    // The never-answering case leaves a connection attempt pending; don't wait for the pool to give up.
    void db.destroy();
  });
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : -1);
    });
  });
}
