import { type Kysely, sql } from 'kysely';

/**
 * FHIR bulk import and export (issue 8): where each imported resource went (so a re-import updates
 * instead of duplicating), claims and EOBs kept as billing history, import jobs with their cursor (so an
 * interrupted import resumes) and rejected resources, and export jobs (the async $export pattern).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('interop_source_link')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('target_table', 'text', (c) => c.notNull())
    .addColumn('target_id', 'uuid', (c) => c.notNull())
    .addColumn('patient_id', 'uuid')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('interop_source_link_pk', ['source', 'resource_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('interop_source_link_target')
    .on('interop_source_link')
    .column('target_id')
    .execute();
  await db.schema
    .createIndex('interop_source_link_patient')
    .on('interop_source_link')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('interop_billing_record')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource', 'jsonb', (c) => c.notNull())
    .addColumn('entered_in_error', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interop_billing_record_patient')
    .on('interop_billing_record')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('interop_import_job')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('files', 'jsonb', (c) => c.notNull())
    .addColumn('cursor_file', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cursor_entry', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('interop_import_reject')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('interop_import_job.id'))
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text')
    .addColumn('resource_id', 'text')
    .addColumn('issues', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('interop_import_reject_job')
    .on('interop_import_reject')
    .column('job_id')
    .execute();

  await db.schema
    .createTable('interop_export_job')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('types', sql`text[]`, (c) => c.notNull())
    .addColumn('since', 'timestamptz')
    .addColumn('request_url', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_user', 'uuid')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('transaction_time', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('output', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('error', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'interop_export_job',
    'interop_import_reject',
    'interop_import_job',
    'interop_billing_record',
    'interop_source_link',
  ])
    await db.schema.dropTable(t).execute();
}
