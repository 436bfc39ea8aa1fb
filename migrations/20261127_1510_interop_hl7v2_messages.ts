import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * HL7 v2 interface: the received-message log (raw text kept for audit and replay), processing attempts,
 * the visit-number cross reference, and the interface's own service account (no password, never signs
 * in) that owns encounters the interface records (docs/hl7v2.md).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('hl7v2_message')
    .addColumn('id', 'uuid', id)
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('sending_application', 'text')
    .addColumn('sending_facility', 'text')
    .addColumn('control_id', 'text')
    .addColumn('message_type', 'text')
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('AA', 'AE', 'AR')`))
    .addColumn('error', 'text')
    .addColumn('ack', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'uuid', (c) => c.references('patient.id'))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // MSH-10 is unique per sender (HL7 2.5.1 §2.14.9.10): a resend of the same message finds the stored one
  // and is not applied twice; a different message reusing the id is kept (and answered AE) beside it.
  await sql`create unique index hl7v2_message_control on hl7v2_message
    (coalesce(sending_application, ''), coalesce(sending_facility, ''), control_id, content_hash)
    where control_id is not null`.execute(db);
  await db.schema.createIndex('hl7v2_message_received').on('hl7v2_message').column('received_at').execute();

  await db.schema
    .createTable('hl7v2_attempt')
    .addColumn('id', 'uuid', id)
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('hl7v2_message.id'))
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attempted_by', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('hl7v2_attempt_message').on('hl7v2_attempt').column('message_id').execute();

  await db.schema
    .createTable('hl7v2_visit')
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('visit_number', 'text', (c) => c.notNull())
    .addColumn('encounter_id', 'uuid', (c) => c.notNull().references('chart_encounter.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('hl7v2_visit_pk', ['authority', 'visit_number'])
    .execute();

  await sql`insert into access_user (username, full_name, active, is_service)
    values ('hl7v2-interface', 'HL7 v2 interface', false, true) on conflict (username) do nothing`.execute(
    db,
  );
}

// The service account stays: encounters it recorded refer to it (provider_id), and the record is kept.
// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hl7v2_visit').execute();
  await db.schema.dropTable('hl7v2_attempt').execute();
  await db.schema.dropTable('hl7v2_message').execute();
}
