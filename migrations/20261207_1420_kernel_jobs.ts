import { type Kysely, sql } from 'kysely';
import { getConstructionPlans } from 'pg-boss';

/**
 * The job queue (docs/adr/0004-job-queue-pg-boss.md): pg-boss's own schema `pgboss`, installed here so
 * it is in every database our migrations build (the test template included), and `kernel_job`, our
 * record of each job for the administrator's jobs screen (label, who started it, progress, last error).
 * pg-boss's construction script brings its own BEGIN/COMMIT; the migrator already runs us in one
 * transaction, so those two lines are dropped. Later pg-boss versions migrate their schema at start.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const plan = getConstructionPlans('pgboss')
    .replace(/^\s*BEGIN;\s*$/m, '')
    .replace(/^\s*COMMIT;\s*$/m, '');
  await sql.raw(plan).execute(db);
  await db.schema
    .createTable('kernel_job')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // Queue order, for a stable newest-first listing (a test clock may give equal times).
    .addColumn('seq', 'bigserial', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued','running','retrying','completed','failed','cancelled')`),
    )
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('progress_note', 'text')
    .addColumn('error', 'text')
    .execute();
  await sql`comment on table kernel_job is 'One background job (run by pg-boss): status, progress and last error for the jobs screen'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kernel_job').execute();
  await sql`drop schema if exists pgboss cascade`.execute(db);
}
