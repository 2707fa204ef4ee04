import { createAdaptorServer } from '@hono/node-server';
import pino, { type Logger } from 'pino';
import { createAggregatorApp } from './app.ts';
import { type AggregatorConfigOptions, type Environment, parseConfig } from './config.ts';
import { listen, stopListening } from './http/listen.ts';
import { createMetrics } from './observability/metrics-registry.ts';
import { SERVICE_VERSION } from './service-version.ts';
import { createHealthService } from './services/health.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { openStorage } from './storage/open-database.ts';

export interface StartAggregatorOptions extends AggregatorConfigOptions {
  /** Defaults to a pino logger on stdout at the configured level. */
  logger?: Logger;
  /** Where unset options are looked up (HOST, PORT, DATA_DIR, …); defaults to process.env. */
  env?: Environment;
}

export interface RunningAggregator {
  /** Base URL actually listened on; with port 0 it carries the port the system chose. */
  url: string;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the aggregator: configuration, storage (embedded PGlite in `dataDir`, or PostgreSQL when a
 * `databaseUrl` is given), migrations, then the HTTP server. Resolves once it is listening; rejects with
 * a clear error — and leaves nothing open — when any of those fails.
 */
export async function startAggregator(options: StartAggregatorOptions = {}): Promise<RunningAggregator> {
  const { logger: givenLogger, env = process.env, ...configOptions } = options;
  const config = parseConfig(configOptions, env);
  const logger = givenLogger ?? pino({ level: config.logLevel, base: { service: 'cogfw-aggregator' } });
  const started = performance.now();

  const storage = await openStorage({ dataDir: config.dataDir, databaseUrl: config.databaseUrl, logger });
  let server: ReturnType<typeof createAdaptorServer> | undefined;
  try {
    const { schemaVersion } = await migrateToLatest(storage.db, logger);
    const app = createAggregatorApp({
      health: createHealthService({ db: storage.db, version: SERVICE_VERSION, logger }),
      metrics: createMetrics(),
      logger,
      bodyLimitBytes: config.bodyLimitBytes,
      version: SERVICE_VERSION,
    });
    server = createAdaptorServer({ fetch: app.fetch });
    const address = await listen(server, config.port, config.host);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    logger.info(
      {
        url,
        storage: storage.engine,
        schemaVersion,
        version: SERVICE_VERSION,
        ms: Math.round(performance.now() - started),
      },
      'aggregator listening',
    );

    const listening = server;
    let closing: Promise<void> | undefined;
    return {
      url,
      close() {
        closing ??= (async () => {
          try {
            await stopListening(listening);
          } finally {
            await storage.close();
          }
          logger.info({ url }, 'aggregator stopped');
        })();
        return closing;
      },
    };
  } catch (error) {
    if (server?.listening) await stopListening(server);
    await storage.close();
    throw error;
  }
}
