import { type Kysely, sql } from 'kysely';

/**
 * Coordination of benefits (issue 13): after a payer's 835, the patient responsibility it left (PR
 * group) moves to the next payer's claim (a secondary claim pointing back at the one it follows,
 * `prior_claim_id`) or to the patient's balance. The claim that was answered records where it went.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('billing_claim')
    .addColumn('prior_claim_id', 'uuid', (c) => c.references('billing_claim.id'))
    .addColumn('responsibility_to', 'text', (c) =>
      c.check(sql`responsibility_to in ('secondary','patient','forwarded')`),
    )
    .addColumn('responsibility_amount', sql`numeric(12,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('next_claim_id', 'uuid', (c) => c.references('billing_claim.id'))
    .execute();
  // One claim follows another at most once (a re-posted 835 never builds a second secondary claim).
  await sql`create unique index billing_claim_prior on billing_claim (prior_claim_id)
    where prior_claim_id is not null`.execute(db);
  await sql`create index billing_claim_patient_owes on billing_claim (patient_id)
    where responsibility_to = 'patient'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('billing_claim')
    .dropColumn('next_claim_id')
    .dropColumn('responsibility_amount')
    .dropColumn('responsibility_to')
    .dropColumn('prior_claim_id')
    .execute();
}
