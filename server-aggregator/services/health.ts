import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AggregatorDatabase } from '../storage/schema.ts';

export type HealthReport =
  | { status: 'ok'; db: 'ok'; version: string; schemaVersion: number; instanceId: string }
  | { status: 'unavailable'; db: 'error'; version: string };

export interface HealthService {
  check(): Promise<HealthReport>;
}

export interface HealthServiceOptions {
  db: Kysely<AggregatorDatabase>;
  version: string;
  logger: Logger;
  /** A database that does not answer within this is reported as down rather than left to hang the probe. */
  timeoutMs?: number;
}

/**
 * Health is a real read of the row every migrated database has: it proves the connection works and that
 * the schema is in place, which a bare `select 1` would not.
 */
export function createHealthService({
  db,
  version,
  logger,
  timeoutMs = 2_000,
}: HealthServiceOptions): HealthService {
  return {
    async check() {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        });
        const meta = await Promise.race([
          db
            .selectFrom('service_meta')
            .select(['instance_id', 'schema_version'])
            .where('id', '=', 1)
            .executeTakeFirstOrThrow(),
          timeout,
        ]);
        return {
          status: 'ok',
          db: 'ok',
          version,
          schemaVersion: meta.schema_version,
          instanceId: meta.instance_id,
        };
      } catch (error) {
        logger.warn({ err: error }, 'health check: database unavailable');
        return { status: 'unavailable', db: 'error', version };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
