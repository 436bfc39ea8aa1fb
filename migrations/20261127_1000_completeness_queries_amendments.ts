import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

/**
 * Chart completion, part one (issue 5): clinician queries (a clerk's or coder's structured question to a
 * clinician about one record element) and amendment requests under HIPAA 45 CFR 164.526 with the
 * statements of disagreement and rebuttals that travel with the record. Every table carries patient_id
 * (the Citus distribution key, docs/scaling.md). Statements are append-only (DESIGN invariant 3).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  await db.schema
    .createTable('completeness_query')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('encounter_id', 'uuid', (c) => c.references('chart_encounter.id'))
    .addColumn('entry_id', 'uuid', (c) => c.references('chart_entry.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('options', sql`text[]`, (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('addressee_user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('opened_by_role', 'text', (c) => c.notNull().check(sql`opened_by_role in ('coder', 'clerk')`))
    .addColumn('opened_by', 'uuid', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'answered', 'withdrawn')`))
    .addColumn('answer_option', 'text')
    .addColumn('answer_text', 'text')
    .addColumn('answered_by', 'uuid')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('withdraw_reason', 'text')
    .execute();
  await db.schema
    .createIndex('completeness_query_addressee')
    .on('completeness_query')
    .columns(['addressee_user_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('completeness_query_encounter')
    .on('completeness_query')
    .columns(['encounter_id', 'status'])
    .execute();
  await db.schema
    .createIndex('completeness_query_queue')
    .on('completeness_query')
    .columns(['status', 'due_on'])
    .execute();

  await db.schema
    .createTable('completeness_amendment')
    .addColumn('id', 'uuid', id)
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('entry_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('request_text', 'text', (c) => c.notNull())
    .addColumn('received_on', 'date', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('extended_due_on', 'date')
    .addColumn('extension_reason', 'text')
    .addColumn('author_user_id', 'uuid', (c) => c.notNull().references('access_user.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'denied')`))
    .addColumn('amendment_text', 'text')
    .addColumn('notify_parties', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('denial_ground', 'text')
    .addColumn('denial_basis', 'text')
    .addColumn('decided_by', 'uuid')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completeness_amendment_patient')
    .on('completeness_amendment')
    .column('patient_id')
    .execute();
  await db.schema
    .createIndex('completeness_amendment_queue')
    .on('completeness_amendment')
    .columns(['status', 'due_on'])
    .execute();
  await sql`create index completeness_amendment_entries on completeness_amendment using gin (entry_ids)`.execute(
    db,
  );

  await db.schema
    .createTable('completeness_amendment_statement')
    .addColumn('id', 'uuid', id)
    .addColumn('amendment_id', 'uuid', (c) => c.notNull().references('completeness_amendment.id'))
    .addColumn('patient_id', 'uuid', (c) => c.notNull().references('patient.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('disagreement', 'rebuttal')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'uuid', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('completeness_amendment_statement_amendment')
    .on('completeness_amendment_statement')
    .column('amendment_id')
    .execute();
  // Statements become part of the record (164.526(d)(4)): never edited or removed.
  await sql`create function completeness_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db);
  await sql`create trigger completeness_amendment_statement_no_change before update or delete
    on completeness_amendment_statement for each row execute function completeness_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger completeness_amendment_statement_no_change on completeness_amendment_statement`.execute(
    db,
  );
  await db.schema.dropTable('completeness_amendment_statement').execute();
  await sql`drop function completeness_append_only()`.execute(db);
  await db.schema.dropTable('completeness_amendment').execute();
  await db.schema.dropTable('completeness_query').execute();
}
