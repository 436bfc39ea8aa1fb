import { type Kysely, sql } from 'kysely';

/**
 * Billing eligibility (issue 13): one row per X12 270 inquiry (a patient's coverage on a date of
 * service), matched back by its TRN02 trace number when the payer's 271 comes in, with the benefits
 * found (active coverage, co-pay, deductible remaining). Trace numbers come from their own sequence.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence billing_eligibility_trace_seq`.execute(db);
  await db.schema
    .createTable('billing_eligibility')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('coverage_id', 'uuid', (c) => c.notNull())
    .addColumn('payer_ref', 'uuid', (c) => c.references('billing_payer.id'))
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('payer_order', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('service_date', 'date', (c) => c.notNull())
    .addColumn('trace_number', 'text', (c) => c.notNull().unique())
    .addColumn('interchange_control_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('sent','active','inactive','rejected')`),
    )
    .addColumn('plan_name', 'text')
    .addColumn('copay', sql`numeric(12,2)`)
    .addColumn('coinsurance_percent', sql`numeric(6,2)`)
    .addColumn('deductible_remaining', sql`numeric(12,2)`)
    .addColumn('reject_reason', 'text')
    .addColumn('benefits', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('responded_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('billing_eligibility_patient')
    .on('billing_eligibility')
    .columns(['patient_id', 'requested_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_eligibility').execute();
  await sql`drop sequence billing_eligibility_trace_seq`.execute(db);
}
