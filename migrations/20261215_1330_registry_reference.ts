import { type Kysely, sql } from 'kysely';

/**
 * Reference tables the registry loads from files the site supplies (issue 14 dashboard: the SEER Site Recode
 * 2023 ranges), one row per table, parsed rows as JSON. Loaded by `chartkeeper registry site-recode load`.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_reference')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_reference').execute();
}
