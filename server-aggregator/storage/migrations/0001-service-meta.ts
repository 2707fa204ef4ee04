import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_meta')
    .addColumn('id', 'smallint', (col) => col.primaryKey().check(sql`id = 1`))
    .addColumn('instance_id', 'text', (col) => col.notNull())
    .addColumn('schema_version', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // Generated here, inside the migration's transaction, so that instances racing to migrate a fresh
  // database agree on one id: only the one holding the migration lock ever runs this.
  await sql`insert into service_meta (id, instance_id, schema_version) values (1, ${randomUUID()}, 0)`.execute(
    db,
  );
}
