import { ConfigError } from './config.ts';
import { startAggregator } from './start.ts';

/**
 * Runs the aggregator as a process, configured from the environment (HOST, PORT, DATA_DIR, DATABASE_URL,
 * BODY_LIMIT_BYTES, LOG_LEVEL), until SIGINT or SIGTERM: `tsx server-aggregator/main.ts`.
 */
async function main(): Promise<void> {
  const aggregator = await startAggregator();
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`${signal}: stopping aggregator\n`);
    aggregator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
