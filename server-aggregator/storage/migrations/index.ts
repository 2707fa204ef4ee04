import { type Kysely, type Migration, type MigrationProvider, sql } from 'kysely';
import * as serviceMeta from './0001-service-meta.ts';

interface SchemaStep {
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

/**
 * Every schema change, oldest first. Append only: never edit, reorder or remove a step that has shipped,
 * because databases in the field record steps by name and refuse to start when one they ran is missing.
 * Steps are forward-only; undoing one is a new step.
 */
const STEPS: readonly SchemaStep[] = [{ name: 'service-meta', up: serviceMeta.up }];

export const LATEST_SCHEMA_VERSION = STEPS.length;

/**
 * Names sort in order ("0001-…"), which is how Kysely orders them. Each step also records its number in
 * service_meta inside the same transaction, so the schema version a running instance reports can never
 * disagree with the migrations actually applied.
 */
export const schemaMigrations: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    STEPS.forEach((step, index) => {
      const version = index + 1;
      migrations[`${String(version).padStart(4, '0')}-${step.name}`] = {
        async up(db) {
          await step.up(db);
          await sql`update service_meta set schema_version = ${version} where id = 1`.execute(db);
        },
      };
    });
    return migrations;
  },
};
