import { type Kysely, Migrator } from 'kysely';
import type { Logger } from 'pino';
import { LATEST_SCHEMA_VERSION, schemaMigrations } from './migrations/index.ts';
import type { AggregatorDatabase } from './schema.ts';

export interface MigrationOutcome {
  /** Names of the migrations this call applied; empty when the database was already current. */
  applied: string[];
  schemaVersion: number;
}

/**
 * Brings the database to the latest schema. Safe to call from several instances at once: on PostgreSQL
 * Kysely takes a transaction-level advisory lock and runs each pending migration in that transaction, so
 * exactly one instance applies them and the others find nothing left to do.
 */
export async function migrateToLatest(
  db: Kysely<AggregatorDatabase>,
  logger: Logger,
): Promise<MigrationOutcome> {
  const migrator = new Migrator({ db, provider: schemaMigrations });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined || failed !== undefined) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    const where = failed ? ` in ${failed.migrationName}` : '';
    // Kysely's wording for a database that ran a migration this build does not have.
    const hint = /previously executed migration .* is missing/.test(reason)
      ? ' (was this database migrated by a newer version of the aggregator?)'
      : '';
    throw new Error(`database migration failed${where}: ${reason}${hint}`, { cause: error });
  }
  const applied = results
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
  const meta = await db
    .selectFrom('service_meta')
    .select('schema_version')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (meta === undefined) throw new Error('database migration failed: service_meta has no row');
  if (meta.schema_version !== LATEST_SCHEMA_VERSION) {
    throw new Error(
      `database schema is at version ${meta.schema_version}, this build expects ${LATEST_SCHEMA_VERSION}`,
    );
  }
  if (applied.length > 0) logger.info({ applied, schemaVersion: meta.schema_version }, 'database migrated');
  return { applied, schemaVersion: meta.schema_version };
}
