import type { Kysely } from 'kysely';

/**
 * Code-set imports run as jobs on the job queue (docs/adr/0004-job-queue-pg-boss.md); each import
 * remembers which (kernel_job.id), so the administration page and the jobs screen agree.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coding_import_job').addColumn('job_id', 'uuid').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('coding_import_job').dropColumn('job_id').execute();
}
