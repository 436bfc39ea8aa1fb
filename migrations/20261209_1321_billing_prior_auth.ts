import { type Kysely, sql } from 'kysely';

/**
 * Billing prior authorizations (issue 13): requests to a payer for codes, units and a validity window,
 * their status and authorization number (REF*G1 on the 837), and an append-only history of each change.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('billing_prior_auth')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('payer_ref', 'uuid', (c) => c.notNull().references('billing_payer.id'))
    .addColumn('codes', sql`text[]`, (c) => c.notNull())
    .addColumn('units_approved', 'integer')
    .addColumn('units_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending','approved','partially_approved','denied','cancelled')`),
    )
    .addColumn('auth_number', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('billing_prior_auth_window', sql`valid_to >= valid_from`)
    .execute();
  await db.schema
    .createIndex('billing_prior_auth_patient')
    .on('billing_prior_auth')
    .columns(['patient_id', 'payer_ref', 'valid_from'])
    .execute();
  await db.schema
    .createTable('billing_prior_auth_event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('prior_auth_id', 'uuid', (c) => c.notNull().references('billing_prior_auth.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_prior_auth_event_version', ['prior_auth_id', 'version'])
    .execute();
  await sql`create function billing_prior_auth_event_append_only() returns trigger language plpgsql as $$
    begin raise exception 'billing_prior_auth_event is append-only'; end $$`.execute(db);
  await sql`create trigger billing_prior_auth_event_no_change before update or delete on billing_prior_auth_event
    for each row execute function billing_prior_auth_event_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_prior_auth_event').execute();
  await sql`drop function billing_prior_auth_event_append_only()`.execute(db);
  await db.schema.dropTable('billing_prior_auth').execute();
}
