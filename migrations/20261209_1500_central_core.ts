import { type Kysely, sql } from 'kysely';

/**
 * Central cancer registry (issue 16): reporting sources with their hashed submission tokens, submissions
 * (the file kept unchanged in chunks, with its SHA-256 and the receipt) and the records each one carried.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('central_source')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // Reporting Facility (#540) the source's abstracts carry; defaults to the code.
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('npi', 'text')
    .addColumn('contact', 'text')
    .addColumn('expected_volume', 'integer')
    // sha256 of the submission token (high-entropy bearer secret; the token itself is shown once).
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('central_submission')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('central_source.id'))
    // receiving | complete | refused
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text')
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('file_name', 'text')
    .addColumn('record_type', 'text')
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('refusal', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('completed_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('central_submission_source')
    .on('central_submission')
    .columns(['source_id', 'received_at'])
    .execute();
  // The file exactly as received, in order (bytea chunks of about 1 MB).
  await db.schema
    .createTable('central_submission_chunk')
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('central_submission.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('central_submission_chunk_pk', ['submission_id', 'seq'])
    .execute();
  await db.schema
    .createTable('central_record')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('source_id', 'uuid', (c) => c.notNull().references('central_source.id'))
    .addColumn('submission_id', 'uuid', (c) => c.notNull().references('central_submission.id'))
    // 1-based position of the Patient element in the file.
    .addColumn('record_index', 'integer', (c) => c.notNull())
    .addColumn('patient_id_number', 'text', (c) => c.notNull())
    .addColumn('items', 'jsonb', (c) => c.notNull())
    .addColumn('tumours', 'jsonb', (c) => c.notNull())
    // sha256 of the record's content (items and tumours, keys sorted): the duplicate key per source.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    // pending (not linked yet) | superseded (a later record from the same source replaced it) | deleted
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('central_record_source_number')
    .on('central_record')
    .columns(['source_id', 'patient_id_number'])
    .execute();
  await db.schema
    .createIndex('central_record_submission')
    .on('central_record')
    .column('submission_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['central_record', 'central_submission_chunk', 'central_submission', 'central_source'])
    await db.schema.dropTable(t).execute();
}
