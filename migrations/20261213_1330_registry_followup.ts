import { type Kysely, sql } from 'kysely';

/**
 * Registry follow-up (issue 14 "Follow-up"): every contact with a registry patient (append-only: a wrong
 * contact is corrected by a later one, never edited) and the follow-up letters sent in mail-merge batches.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_followup_letter')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('batch_id', 'uuid', (c) => c.notNull())
    .addColumn('registry_patient_id', 'uuid', (c) => c.notNull().references('registry_patient.id'))
    .addColumn('patient_id', 'uuid')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registry_followup_letter_batch')
    .on('registry_followup_letter')
    .column('batch_id')
    .execute();
  await db.schema
    .createIndex('registry_followup_letter_patient')
    .on('registry_followup_letter')
    .column('registry_patient_id')
    .execute();
  await db.schema
    .createTable('registry_followup_contact')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('registry_patient_id', 'uuid', (c) => c.notNull().references('registry_patient.id'))
    .addColumn('patient_id', 'uuid')
    .addColumn('contact_date', 'date', (c) => c.notNull())
    .addColumn('vital_status', 'text', (c) => c.notNull())
    .addColumn('cancer_status', 'text')
    .addColumn('follow_up_source', 'text', (c) => c.notNull())
    .addColumn('cause_of_death', 'text')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('letter_id', 'uuid', (c) => c.references('registry_followup_letter.id'))
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registry_followup_contact_patient')
    .on('registry_followup_contact')
    .column('registry_patient_id')
    .execute();
  // A passive source (an encounter, a result, a death record) is recorded once.
  await sql`create unique index registry_followup_contact_source on registry_followup_contact (source_kind, source_id)
    where source_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registry_followup_contact').execute();
  await db.schema.dropTable('registry_followup_letter').execute();
}
