import type { Kysely } from 'kysely';

/**
 * FHIR bulk import and export run as jobs on the job queue (docs/adr/0004-job-queue-pg-boss.md); each
 * import and export remembers which (kernel_job.id), so its status page and the jobs screen agree.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interop_import_job').addColumn('job_id', 'uuid').execute();
  await db.schema.alterTable('interop_export_job').addColumn('job_id', 'uuid').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('interop_export_job').dropColumn('job_id').execute();
  await db.schema.alterTable('interop_import_job').dropColumn('job_id').execute();
}
