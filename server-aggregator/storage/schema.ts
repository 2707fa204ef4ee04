import type { Generated } from 'kysely';

/**
 * The aggregator's tables as Kysely sees them. Migrations in ./migrations are the source of truth for the
 * SQL; this type must follow them (migrations themselves stay untyped, because they describe the schema
 * as it was at their point in history, not as it is now).
 */
export interface AggregatorDatabase {
  service_meta: ServiceMetaTable;
}

/** Exactly one row (id = 1): who this deployment is and which schema it runs. */
export interface ServiceMetaTable {
  id: number;
  /** Random UUID fixed when the database was first migrated; shared by every instance on that database. */
  instance_id: string;
  /** Number of the latest migration applied; kept in step by the migration list itself. */
  schema_version: number;
  created_at: Generated<Date>;
}
