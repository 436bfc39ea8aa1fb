import { type Kysely, sql } from 'kysely';

/**
 * Chart completion: one row per nightly deficiency analysis (issue 5, "analysis runs … nightly"). The
 * run date is the primary key, so when several server processes share a database exactly one claims
 * each night's run; the row also tells auditors when the run started, ended and what it found.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('completeness_nightly_run')
    .addColumn('run_date', 'date', (c) => c.primaryKey())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('counts', 'jsonb')
    .addColumn('error', 'text')
    .execute();
  await sql`comment on table completeness_nightly_run is 'One claimed nightly deficiency analysis per date'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('completeness_nightly_run').execute();
}
