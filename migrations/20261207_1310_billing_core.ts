import { type Kysely, sql } from 'kysely';

/**
 * Billing (issue 13): payers and their plans, the fee schedule, billing/rendering provider identifiers,
 * charges captured from final coding, claims with their lines and an append-only claim history.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('billing_payer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payer_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // SBR09 claim filing indicator (CI commercial, MB Medicare B, MC Medicaid, BL Blue Cross …).
    .addColumn('filing_indicator', 'text', (c) => c.notNull())
    .addColumn('plan_type', 'text', (c) => c.notNull())
    .addColumn('timely_filing_days', 'integer', (c) => c.notNull().defaultTo(365))
    .addColumn('prior_auth_codes', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_payer_name')
    .on('billing_payer')
    .expression(sql`lower(name)`)
    .execute();
  await db.schema
    .createTable('billing_plan')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('payer_ref', 'uuid', (c) => c.notNull().references('billing_payer.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    // Expected payment: the fee schedule's price, or a percent of the billed charge.
    .addColumn('contract_kind', 'text', (c) =>
      c.notNull().check(sql`contract_kind in ('fee_schedule','percent_of_charge')`),
    )
    .addColumn('percent_of_charge', sql`numeric(5,2)`)
    .addUniqueConstraint('billing_plan_name', ['payer_ref', 'name'])
    .execute();
  await db.schema
    .createTable('billing_fee')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('facility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('modifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('revenue_code', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('effective_to', 'date')
    .addColumn('description', 'text')
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_fee_key', ['facility', 'code', 'modifier', 'effective_from'])
    .execute();
  await db.schema
    .createTable('billing_provider')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // A user who renders care (access_user id), or null for the billing organisation itself.
    .addColumn('user_id', 'uuid', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('billing','rendering')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('npi', 'text', (c) => c.notNull())
    .addColumn('taxonomy', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('address', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('billing_charge')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('encounter_id', 'uuid', (c) => c.notNull())
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('coding_version', 'integer', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('modifiers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('service_date', 'date', (c) => c.notNull())
    .addColumn('diagnosis_pointers', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('place_of_service', 'text')
    .addColumn('revenue_code', 'text')
    .addColumn('rendering_user_id', 'uuid')
    .addColumn('amount', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unbilled','billed','replaced')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_charge_line', ['encounter_id', 'coding_version', 'line_no'])
    .execute();
  await db.schema
    .createIndex('billing_charge_status')
    .on('billing_charge')
    .columns(['status', 'encounter_id'])
    .execute();
  await sql`create sequence billing_claim_pcn_seq`.execute(db);
  await db.schema
    .createTable('billing_claim')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // CLM01: the patient control number the 835 echoes back in CLP01 (max 20 characters).
    .addColumn('patient_control_number', 'text', (c) => c.notNull().unique())
    .addColumn('encounter_id', 'uuid', (c) => c.notNull())
    .addColumn('patient_id', 'uuid', (c) => c.notNull())
    .addColumn('coverage_id', 'uuid', (c) => c.notNull())
    .addColumn('payer_ref', 'uuid', (c) => c.references('billing_payer.id'))
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('payer_order', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('P','I')`))
    .addColumn('status', 'text', (c) => c.notNull())
    // CLM05-3 claim frequency: 1 original, 7 replacement, 8 void.
    .addColumn('frequency_code', 'text', (c) => c.notNull().defaultTo('1'))
    .addColumn('original_claim_id', 'uuid', (c) => c.references('billing_claim.id'))
    .addColumn('service_from', 'date', (c) => c.notNull())
    .addColumn('service_to', 'date', (c) => c.notNull())
    .addColumn('diagnoses', 'jsonb', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('charge', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('paid', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('adjusted', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('patient_responsibility', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('findings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_claim_status')
    .on('billing_claim')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema.createIndex('billing_claim_encounter').on('billing_claim').column('encounter_id').execute();
  await db.schema
    .createTable('billing_claim_line')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('charge_id', 'uuid', (c) => c.notNull().references('billing_charge.id'))
    .addColumn('code_system', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('modifiers', sql`text[]`, (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('service_date', 'date', (c) => c.notNull())
    .addColumn('diagnosis_pointers', sql`integer[]`, (c) => c.notNull())
    .addColumn('place_of_service', 'text')
    .addColumn('revenue_code', 'text')
    .addColumn('rendering_user_id', 'uuid')
    .addColumn('charge', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('paid', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('adjusted', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('billing_claim_line_no', ['claim_id', 'line_no'])
    .execute();
  await db.schema
    .createTable('billing_claim_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('billing_claim_history_version', ['claim_id', 'version'])
    .execute();
  // The claim history is the versioned record of every change (DESIGN invariant 3): append-only.
  await sql`create function billing_claim_history_append_only() returns trigger language plpgsql as $$
    begin raise exception 'billing_claim_history is append-only'; end $$`.execute(db);
  await sql`create trigger billing_claim_history_no_change before update or delete on billing_claim_history
    for each row execute function billing_claim_history_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'billing_claim_history',
    'billing_claim_line',
    'billing_claim',
    'billing_charge',
    'billing_provider',
    'billing_fee',
    'billing_plan',
    'billing_payer',
  ])
    await db.schema.dropTable(t).execute();
  await sql`drop function billing_claim_history_append_only()`.execute(db);
  await sql`drop sequence billing_claim_pcn_seq`.execute(db);
}
