import type { Kysely } from 'kysely';

/**
 * Restriction labels set by people (issue 23): why a label was set is `note`; who set or removed it by
 * name (a CLI operator has no user id), and why it was removed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_patient_label')
    .addColumn('created_by_name', 'text')
    .addColumn('removed_by_name', 'text')
    .addColumn('removed_reason', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('access_patient_label')
    .dropColumn('created_by_name')
    .dropColumn('removed_by_name')
    .dropColumn('removed_reason')
    .execute();
}
