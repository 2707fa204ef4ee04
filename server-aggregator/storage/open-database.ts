import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Logger } from 'pino';
import { lockDataDir } from './data-dir-lock.ts';
import type { AggregatorDatabase } from './schema.ts';

export type StorageEngine = 'pglite' | 'postgres';

export interface Storage {
  readonly db: Kysely<AggregatorDatabase>;
  readonly engine: StorageEngine;
  /** Closes the database (and releases the data folder); call once no request can reach `db` any more. */
  close(): Promise<void>;
}

export interface StorageOptions {
  /** Folder for embedded storage; unused with PostgreSQL. */
  dataDir: string;
  /** postgres:// URL; when absent, embedded PGlite in `dataDir` is used. */
  databaseUrl?: string | undefined;
  logger: Logger;
}

/** The PGlite database lives in a sub-folder, so the data folder can also hold the lock and later files. */
export const PGLITE_SUBDIR = 'pglite';

export async function openStorage(options: StorageOptions): Promise<Storage> {
  return options.databaseUrl === undefined
    ? openEmbedded(options.dataDir, options.logger)
    : openPostgres(options.databaseUrl, options.logger);
}

async function openEmbedded(dataDir: string, logger: Logger): Promise<Storage> {
  await mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dataDir);
  try {
    const started = performance.now();
    const pglite = await PGlite.create(join(dataDir, PGLITE_SUBDIR));
    logger.debug({ dataDir, ms: Math.round(performance.now() - started) }, 'embedded database opened');
    const db = new Kysely<AggregatorDatabase>({ dialect: new PGliteDialect(pglite) });
    return {
      db,
      engine: 'pglite',
      async close() {
        try {
          await db.destroy(); // the dialect closes PGlite, which flushes it to the folder
        } finally {
          await lock.release();
        }
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openPostgres(databaseUrl: string, logger: Logger): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Without a bound, a request (or /healthz) would wait forever on an unreachable server.
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection emits here; unhandled, it would end the process.
  pool.on('error', (error) => logger.error({ err: error }, 'idle PostgreSQL connection failed'));
  const db = new Kysely<AggregatorDatabase>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    close: () => db.destroy(),
  };
}
