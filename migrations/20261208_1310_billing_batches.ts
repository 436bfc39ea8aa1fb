import { type Kysely, sql } from 'kysely';

/**
 * Billing (issue 13): 837 batches. Each batch is one interchange (ISA13 from a sequence, never reused),
 * kept with its text so acknowledgments (999/277CA) can be matched back; the claims it carried.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence billing_x12_icn_seq minvalue 1 maxvalue 999999999 cycle`.execute(db);
  await db.schema
    .createTable('billing_batch')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('interchange_control_number', 'integer', (c) => c.notNull())
    .addColumn('payer_ref', 'uuid', (c) => c.references('billing_payer.id'))
    .addColumn('payer_id', 'text', (c) => c.notNull())
    .addColumn('claim_type', 'text', (c) => c.notNull().check(sql`claim_type in ('P','I')`))
    .addColumn('implementation', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('claims', 'integer', (c) => c.notNull())
    .addColumn('total_charge', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('billing_batch_icn')
    .on('billing_batch')
    .columns(['interchange_control_number', 'created_at'])
    .execute();
  await db.schema
    .createTable('billing_batch_claim')
    .addColumn('batch_id', 'uuid', (c) => c.notNull().references('billing_batch.id'))
    .addColumn('claim_id', 'uuid', (c) => c.notNull().references('billing_claim.id'))
    .addColumn('transaction_control_number', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('billing_batch_claim_pk', ['batch_id', 'claim_id'])
    .execute();
  await db.schema
    .createIndex('billing_batch_claim_claim')
    .on('billing_batch_claim')
    .column('claim_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_batch_claim').execute();
  await db.schema.dropTable('billing_batch').execute();
  await sql`drop sequence billing_x12_icn_seq`.execute(db);
}
