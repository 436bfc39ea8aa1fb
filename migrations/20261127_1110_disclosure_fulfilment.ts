import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Release fulfilment (issue 6): patient-requested restrictions and confidential communications
 * (45 CFR 164.522), release packets with their manifest and quality review, secure-link and mail
 * deliveries, accounting-of-disclosures requests (164.528(c): 60-day clock, first free in 12 months) and
 * the facility's release settings.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('disclosure_patient_preference')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('restriction', 'confidential-communication')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('requester_types', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('encounter_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('alternate_address', 'text')
    .addColumn('alternate_phone', 'text')
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('ended_by', 'uuid')
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('disclosure_patient_preference_patient')
    .on('disclosure_patient_preference')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('disclosure_packet')
    .addColumn('id', 'uuid', id)
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('disclosure_request.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('build_no', 'integer', (c) => c.notNull())
    .addColumn('manifest', 'jsonb', (c) => c.notNull())
    .addColumn('withheld', 'jsonb', (c) => c.notNull())
    .addColumn('redactions', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('fees', 'jsonb', (c) => c.notNull())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .addColumn('mail_to', 'text', (c) => c.notNull())
    .addColumn('built_by', 'uuid', (c) => c.notNull())
    .addColumn('built_at', 'timestamptz', (c) => c.notNull())
    .addColumn('qa_status', 'text', (c) =>
      c.notNull().check(sql`qa_status in ('not-required', 'pending', 'approved', 'rejected')`),
    )
    .addColumn('qa_by', 'uuid')
    .addColumn('qa_at', 'timestamptz')
    .addColumn('qa_note', 'text')
    .addUniqueConstraint('disclosure_packet_build', ['request_id', 'build_no'])
    .execute();

  await db.schema
    .createTable('disclosure_delivery')
    .addColumn('id', 'uuid', id)
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('disclosure_request.id'))
    .addColumn('packet_id', 'uuid', (c) => c.notNull().references('disclosure_packet.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('secure-link', 'mail')`))
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('code_hash', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('max_downloads', 'integer')
    .addColumn('downloads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mailed_to', 'text')
    .addColumn('mailed_on', 'date')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('disclosure_accounting_request')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('period_from', 'date', (c) => c.notNull())
    .addColumn('free', 'boolean', (c) => c.notNull())
    .addColumn('fee', sql`numeric(8,2)`, (c) => c.notNull())
    .addColumn('fulfilled_on', 'date')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_accounting_request_patient')
    .on('disclosure_accounting_request')
    .columns(['patient_id', 'received_on'])
    .execute();

  await db.schema
    .createTable('disclosure_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'disclosure_setting',
    'disclosure_accounting_request',
    'disclosure_delivery',
    'disclosure_packet',
    'disclosure_patient_preference',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
