import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Release of information: requests, their status history, authorizations, and the accounting of
 * disclosures (45 CFR 164.528), which is append-only like the audit trail.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await sql`create sequence disclosure_request_no`.execute(db);
  await db.schema
    .createTable('disclosure_request')
    .addColumn('id', 'uuid', id)
    .addColumn('request_no', 'text', (c) => c.notNull().unique())
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('requester_type', 'text', (c) => c.notNull())
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_address', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('purpose_text', 'text')
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('delivery_method', 'text', (c) => c.notNull())
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('extension_granted_on', 'date')
    .addColumn('extension_reason', 'text')
    .addColumn('identity_verification', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('override_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_request_queue')
    .on('disclosure_request')
    .columns(['status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('disclosure_request_patient')
    .on('disclosure_request')
    .column('patient_id')
    .execute();

  await db.schema
    .createTable('disclosure_request_event')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('disclosure_request.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', 'uuid')
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_request_event_req')
    .on('disclosure_request_event')
    .column('request_id')
    .execute();

  await db.schema
    .createTable('disclosure_authorization')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('request_id', 'uuid', (c) => c.references('disclosure_request.id'))
    .addColumn('form', 'jsonb', (c) => c.notNull())
    .addColumn('document_sha256', 'text')
    .addColumn('revoked_on', 'date')
    .addColumn('captured_by', 'uuid')
    .addColumn('captured_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('disclosure_record')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('request_id', 'uuid', (c) => c.references('disclosure_request.id'))
    .addColumn('disclosed_on', 'date', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('authorization_id', 'uuid', (c) => c.references('disclosure_authorization.id'))
    .addColumn('accountable', 'boolean', (c) => c.notNull())
    .addColumn('exempt_category', 'text')
    .addColumn('created_by', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosure_record_patient')
    .on('disclosure_record')
    .columns(['patient_id', 'disclosed_on'])
    .execute();
  // The accounting of disclosures is a legal record: corrections are new rows, never edits (CONVENTIONS 8).
  await sql`create trigger disclosure_record_append_only before update or delete on disclosure_record for each row execute function audit_event_append_only()`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'disclosure_record',
    'disclosure_authorization',
    'disclosure_request_event',
    'disclosure_request',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await sql`drop sequence disclosure_request_no`.execute(db);
}
