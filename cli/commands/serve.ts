import type { CommandIo } from '../command-io.ts';
import { CliError, EXIT_INTERNAL, EXIT_OK } from '../exit-codes.ts';

export interface ServeOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/**
 * `cogfw serve`: the aggregator until `stop` fires (SIGINT/SIGTERM in the CLI). Options left out fall back
 * to the environment (HOST, PORT, DATA_DIR, DATABASE_URL, LOG_LEVEL), then to the aggregator's defaults.
 * Resolves once the server is closed and its storage flushed.
 */
export async function runServe(options: ServeOptions, io: CommandIo, stop: AbortSignal): Promise<number> {
  // Loaded here so the other commands do not pay for the server's dependencies.
  const { startAggregator } = await import('../../server-aggregator/start.ts');
  const { ConfigError } = await import('../../server-aggregator/config.ts');
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  let aggregator: Awaited<ReturnType<typeof startAggregator>>;
  try {
    aggregator = await startAggregator(given);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw new CliError(`cannot start the aggregator: ${(error as Error).message}`, EXIT_INTERNAL);
  }
  io.stderr.write(`cogfw: aggregator listening on ${aggregator.url} (stop with Ctrl-C)\n`);
  if (!stop.aborted)
    await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  io.stderr.write('cogfw: stopping the aggregator\n');
  await aggregator.close();
  return EXIT_OK;
}
