import { type Kysely, sql } from 'kysely';

/**
 * Billing remittance (issue 13): imported 835 transaction sets, the claims and service lines they answer,
 * the posting ledger (append-only), provider-level adjustments (PLB) and the denials queue.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('billing_remit')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // sha256 of the ST..SE segments: the same 835 re-sent (even in a new envelope) posts nothing twice.
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('control_number', 'text', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('payment', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('credit_debit', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('payment_date', 'date')
    // TRN02 check or EFT trace number, TRN03 payer identifier: the reassociation key with the funds.
    .addColumn('trace_number', 'text', (c) => c.notNull())
    .addColumn('payer_trace_id', 'text', (c) => c.notNull())
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('payee_name', 'text', (c) => c.notNull())
    .addColumn('payee_id', 'text', (c) => c.notNull())
    .addColumn('claim_count', 'integer', (c) => c.notNull())
    .addColumn('matched_count', 'integer', (c) => c.notNull())
    .addColumn('provider_adjustment', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('billing_remit_claim')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('remit_id', 'uuid', (c) => c.notNull().references('billing_remit.id'))
    // null: no claim of ours has this CLP01 — the claim is on the work list, nothing posted.
    .addColumn('claim_id', 'uuid', (c) => c.references('billing_claim.id'))
    .addColumn('patient_control_number', 'text', (c) => c.notNull())
    .addColumn('status_code', 'text', (c) => c.notNull())
    .addColumn('charge', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('paid', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('patient_responsibility', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('payer_claim_number', 'text', (c) => c.notNull())
    .addColumn('adjustments', 'jsonb', (c) => c.notNull())
    .addColumn('remarks', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('unmatched_lines', 'integer', (c) => c.notNull().defaultTo(0))
    // claim_not_found | lines_unmatched | null (fully posted)
    .addColumn('worklist', 'text')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('billing_remit_claim_remit')
    .on('billing_remit_claim')
    .column('remit_id')
    .execute();
  await db.schema
    .createIndex('billing_remit_claim_claim')
    .on('billing_remit_claim')
    .column('claim_id')
    .execute();
  await sql`create index billing_remit_claim_worklist on billing_remit_claim (worklist)
    where worklist is not null and resolved_at is null`.execute(db);
  await db.schema
    .createTable('billing_remit_line')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('remit_claim_id', 'uuid', (c) => c.notNull().references('billing_remit_claim.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    // The claim lines it answers: one, several when the payer bundled them, none when unmatched.
    .addColumn('claim_line_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('match', 'text', (c) => c.notNull())
    .addColumn('billed_code', 'text', (c) => c.notNull())
    .addColumn('billed_modifiers', sql`text[]`, (c) => c.notNull())
    .addColumn('paid_code', 'text', (c) => c.notNull())
    .addColumn('paid_modifiers', sql`text[]`, (c) => c.notNull())
    .addColumn('charge', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('paid', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('allowed', sql`numeric(12,2)`)
    .addColumn('service_date', 'date')
    .addColumn('adjustments', 'jsonb', (c) => c.notNull())
    .addColumn('remarks', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema
    .createIndex('billing_remit_line_claim')
    .on('billing_remit_line')
    .column('remit_claim_id')
    .execute();
  await db.schema
    .createTable('billing_posting')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('remit_id', 'uuid', (c) => c.notNull().references('billing_remit.id'))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('claim_line_id', 'uuid', (c) => c.references('billing_claim_line.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('payment','adjustment')`))
    .addColumn('group_code', 'text')
    .addColumn('reason_code', 'text')
    .addColumn('amount', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('posted_on', 'date', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('billing_posting_claim').on('billing_posting').column('claim_id').execute();
  // The posting ledger is the record of money (DESIGN invariant 3): a correction is a new posting.
  await sql`create function billing_posting_append_only() returns trigger language plpgsql as $$
    begin raise exception 'billing_posting is append-only'; end $$`.execute(db);
  await sql`create trigger billing_posting_no_change before update or delete on billing_posting
    for each row execute function billing_posting_append_only()`.execute(db);
  await db.schema
    .createTable('billing_provider_adjustment')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('remit_id', 'uuid', (c) => c.notNull().references('billing_remit.id'))
    .addColumn('provider_id', 'text', (c) => c.notNull())
    .addColumn('fiscal_period', 'date')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(12,2)`, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('billing_denial')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('claim_line_id', 'uuid', (c) => c.references('billing_claim_line.id'))
    .addColumn('remit_claim_id', 'uuid', (c) => c.notNull().references('billing_remit_claim.id'))
    .addColumn('payer_name', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('remarks', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('amount', sql`numeric(12,2)`, (c) => c.notNull())
    .addColumn('denied_on', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('open','appealed','resolved','written_off')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_denial_queue')
    .on('billing_denial')
    .columns(['status', 'group_code', 'denied_on'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'billing_denial',
    'billing_provider_adjustment',
    'billing_posting',
    'billing_remit_line',
    'billing_remit_claim',
    'billing_remit',
  ])
    await db.schema.dropTable(t).execute();
  await sql`drop function billing_posting_append_only()`.execute(db);
}
