import type { Kysely } from 'kysely';

/** Case finding (issue 14): the date of the source a hit came from and the text that made it a hit. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('registry_suspense')
    .addColumn('source_date', 'date')
    .addColumn('excerpt', 'text')
    .execute();
  await db.schema
    .createIndex('registry_suspense_patient')
    .on('registry_suspense')
    .column('patient_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registry_suspense_patient').execute();
  await db.schema.alterTable('registry_suspense').dropColumn('source_date').dropColumn('excerpt').execute();
}
