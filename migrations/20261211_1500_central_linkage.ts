import { type Kysely, sql } from 'kysely';

/**
 * Central registry linkage and consolidation (issue 16): registry persons, which source records are linked
 * to each (and how), blocking keys, the clerical review queue, consolidated tumours and which source
 * tumour reports each one is built from. Person-scoped tables carry `person_id` in every primary, unique and
 * foreign key: it is the Citus distribution column (docs/scaling.md, checked by central.int.test.ts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('central_person')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Consolidated patient-level items: { naaccrId: { value, source, recordId, reason } }.
    .addColumn('items', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // Set when a link changes; consolidation clears it (what `central link` picks up).
    .addColumn('dirty', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consolidated_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('central_person_dirty')
    .on('central_person')
    .column('dirty')
    .where(sql.ref('dirty'), '=', true)
    .execute();
  await db.schema
    .createTable('central_link')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('central_person.id'))
    .addColumn('record_id', 'uuid', (c) => c.notNull().references('central_record.id'))
    // auto (certain band) | same-number (same source, same Patient ID Number) | new (no candidate) | clerical
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('central_link_pk', ['person_id', 'record_id'])
    .execute();
  await db.schema.createIndex('central_link_record').on('central_link').column('record_id').execute();
  await db.schema
    .createTable('central_block')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('central_person.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('central_block_pk', ['person_id', 'key', 'record_id'])
    .execute();
  await db.schema.createIndex('central_block_key').on('central_block').column('key').execute();
  // Record-scoped (not person-scoped): a record waiting for a registrar's decision belongs to no person yet.
  await db.schema
    .createTable('central_review')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('record_id', 'uuid', (c) => c.notNull().references('central_record.id'))
    .addColumn('candidate_person_id', 'uuid', (c) => c.notNull())
    .addColumn('candidate_record_id', 'uuid', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    // The waterfall: every field's level, weight and reason; and the cautions.
    .addColumn('fields', 'jsonb', (c) => c.notNull())
    .addColumn('cautions', 'jsonb', (c) => c.notNull())
    // pending | linked | separate | reopened
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('central_review_status')
    .on('central_review')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('central_review_record').on('central_review').column('record_id').execute();
  await db.schema
    .createTable('central_tumour')
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('central_person.id'))
    .addColumn('id', 'uuid', (c) => c.notNull().defaultTo(sql`gen_random_uuid()`))
    // Primary Site (#400), Histologic Type ICD-O-3 (#522), Laterality (#410), Date of Diagnosis (#390):
    // the keys the multiple-primary rules compare.
    .addColumn('primary_site', 'text')
    .addColumn('histology', 'text')
    .addColumn('laterality', 'text')
    .addColumn('diagnosis_date', 'text')
    // Consolidated tumour items: { naaccrId: { value, source, recordId, reason } }.
    .addColumn('items', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consolidated_at', 'timestamptz')
    .addPrimaryKeyConstraint('central_tumour_pk', ['person_id', 'id'])
    .execute();
  await db.schema
    .createTable('central_tumour_report')
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    .addColumn('tumour_id', 'uuid', (c) => c.notNull())
    .addColumn('record_id', 'uuid', (c) => c.notNull())
    // 0-based position of the Tumor element in the source record.
    .addColumn('tumour_index', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('central_tumour_report_pk', ['person_id', 'record_id', 'tumour_index'])
    .addForeignKeyConstraint(
      'central_tumour_report_tumour',
      ['person_id', 'tumour_id'],
      'central_tumour',
      ['person_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'central_tumour_report',
    'central_tumour',
    'central_review',
    'central_block',
    'central_link',
    'central_person',
  ])
    await db.schema.dropTable(t).execute();
}
