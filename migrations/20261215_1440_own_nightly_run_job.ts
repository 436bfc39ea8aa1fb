import type { Kysely } from 'kysely';

/**
 * Each nightly deficiency analysis remembers the queue job that claimed it (kernel_job.id), so that job's
 * retry after a crash may claim the night again while any other job for the same night is still refused
 * (issue 12 item 5: restart after a crash). Rows from before this column have no job and keep the old rule.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('completeness_nightly_run').addColumn('job_id', 'uuid').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('completeness_nightly_run').dropColumn('job_id').execute();
}
