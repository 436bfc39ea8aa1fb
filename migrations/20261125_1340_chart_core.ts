import { type Kysely, sql } from 'kysely';

/**
 * The clinical record (issue 4). Encounters and documents have their own tables; every other clinical
 * entry (problems, surgical/family/social history, concerns, medications, reconciliations, allergies,
 * results, diagnoses, procedures, orders, notes) is one `chart_entry` row whose `data` is validated by a
 * zod schema per kind. Every change of any of them appends a full snapshot to `chart_version`
 * (who, when, what changed, why): the legal record is versioned, never destroyed (DESIGN invariant 3).
 * All carry patient_id, the Citus distribution key (docs/scaling.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: import('kysely').ColumnDefinitionBuilder) =>
    c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('chart_encounter')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('class', 'text', (c) => c.notNull().check(sql`class in ('appointment', 'inpatient')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('scheduled', 'arrived', 'in_progress', 'completed', 'cancelled', 'no_show')`),
    )
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('provider_id', 'uuid', (c) => c.references('access_user.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('entered_in_error', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('entered_in_error_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chart_encounter_patient')
    .on('chart_encounter')
    .columns(['patient_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('chart_entry')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'uuid', (c) => c.references('chart_encounter.id'))
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('entered_in_error', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('entered_in_error_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('chart_entry_patient_kind')
    .on('chart_entry')
    .columns(['patient_id', 'kind', 'created_at'])
    .execute();
  await db.schema.createIndex('chart_entry_encounter').on('chart_entry').column('encounter_id').execute();

  await db.schema
    .createTable('chart_document')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('encounter_id', 'uuid', (c) => c.references('chart_encounter.id'))
    .addColumn('document_type', 'text', (c) => c.notNull())
    .addColumn('service_date', 'date', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('entered_in_error', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('entered_in_error_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'uuid', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chart_document_patient').on('chart_document').column('patient_id').execute();

  // Append-only history of every entity above (HIPAA 164.312(c)(1) integrity; DESIGN invariant 3).
  await db.schema
    .createTable('chart_version')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('entity_type', 'text', (c) =>
      c.notNull().check(sql`entity_type in ('entry', 'encounter', 'document')`),
    )
    .addColumn('entity_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('changed_fields', sql`text[]`, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'uuid', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('chart_version_unique', ['entity_type', 'entity_id', 'version'])
    .execute();
  await db.schema.createIndex('chart_version_patient').on('chart_version').column('patient_id').execute();
  // Versions keep the patient they were written under; a merge moves the entities, not their history.
  await sql`create function chart_version_immutable() returns trigger language plpgsql as $$
    begin raise exception 'chart_version is append-only'; end $$`.execute(db);
  await sql`create trigger chart_version_no_change before update or delete on chart_version
    for each row execute function chart_version_immutable()`.execute(db);

  // Which rows a patient merge moved, so unmerge restores exactly those (issue 4: merges are reversible).
  await db.schema
    .createTable('chart_merge_move')
    .addColumn('merge_id', 'uuid', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'uuid', (c) => c.notNull())
    .addColumn('from_patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('to_patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('moved_at', 'timestamptz', (c) => c.notNull())
    .addColumn('restored_at', 'timestamptz')
    .addPrimaryKeyConstraint('chart_merge_move_pk', ['merge_id', 'table_name', 'row_id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chart_merge_move').execute();
  await sql`drop trigger chart_version_no_change on chart_version`.execute(db);
  await sql`drop function chart_version_immutable()`.execute(db);
  await db.schema.dropTable('chart_version').execute();
  await db.schema.dropTable('chart_document').execute();
  await db.schema.dropTable('chart_entry').execute();
  await db.schema.dropTable('chart_encounter').execute();
}
