import type { Kysely } from 'kysely';

/** A duplicate sweep runs as a job on the job queue; the sweep remembers which (kernel_job.id). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('patient_sweep').addColumn('job_id', 'uuid').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('patient_sweep').dropColumn('job_id').execute();
}
