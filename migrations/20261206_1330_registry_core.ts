import { type Kysely, sql } from 'kysely';

/**
 * Facility cancer registry (issue 14): the NAACCR dictionary by version, registry patients and tumours
 * holding NAACCR items by XML id, tumour versions, the case-finding suspense queue, the reportable list
 * and case-finding runs.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registry_dictionary_item')
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('naaccr_id', 'text', (c) => c.notNull())
    .addColumn('naaccr_num', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('length', 'integer', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('parent_element', 'text', (c) => c.notNull())
    .addColumn('record_types', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('registry_dictionary_item_pk', ['version', 'naaccr_id'])
    .execute();
  await db.schema
    .createTable('registry_patient')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid')
    .addColumn('patient_id_number', 'text', (c) => c.notNull().unique())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registry_patient_patient')
    .on('registry_patient')
    .column('patient_id')
    .execute();
  await db.schema
    .createTable('registry_tumour')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('registry_patient_id', 'uuid', (c) => c.notNull().references('registry_patient.id'))
    .addColumn('patient_id', 'uuid')
    .addColumn('tumor_record_number', 'text', (c) => c.notNull())
    .addColumn('dictionary_version', 'text', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('abstracting'))
    .addColumn('primary_decision', 'jsonb')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('registry_tumour_record', ['registry_patient_id', 'tumor_record_number'])
    .execute();
  await db.schema.createIndex('registry_tumour_patient').on('registry_tumour').column('patient_id').execute();
  await db.schema
    .createTable('registry_tumour_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tumour_id', 'uuid', (c) => c.notNull().references('registry_tumour.id'))
    .addColumn('patient_id', 'uuid')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('changed_items', sql`text[]`, (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('registry_tumour_version_once', ['tumour_id', 'version'])
    .execute();
  await db.schema
    .createTable('registry_suspense')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('found_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('tumour_id', 'uuid', (c) => c.references('registry_tumour.id'))
    .addColumn('resolution_reason', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', 'timestamptz')
    // A hit lands once per source, never twice (issue 14 case finding).
    .addUniqueConstraint('registry_suspense_once', ['source_kind', 'source_id'])
    .execute();
  await db.schema
    .createIndex('registry_suspense_open')
    .on('registry_suspense')
    .columns(['status', 'found_at'])
    .execute();
  await db.schema
    .createTable('registry_reportable_rule')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code_from', 'text', (c) => c.notNull())
    .addColumn('code_to', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('registry_casefind_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('since', 'timestamptz')
    .addColumn('cursor', 'jsonb')
    .addColumn('screened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'registry_casefind_run',
    'registry_reportable_rule',
    'registry_suspense',
    'registry_tumour_version',
    'registry_tumour',
    'registry_patient',
    'registry_dictionary_item',
  ])
    await db.schema.dropTable(t).execute();
}
