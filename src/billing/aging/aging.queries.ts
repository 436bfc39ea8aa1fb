import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../kernel/db.ts';

/** The aging bucket (0–30, 31–60, 61–90, 91–120, 120+ days) of an age in days, as SQL. */
export function bucketSql(age: RawBuilder<number>): RawBuilder<string> {
  return sql<string>`case when ${age} <= 30 then '0-30' when ${age} <= 60 then '31-60'
    when ${age} <= 90 then '61-90' when ${age} <= 120 then '91-120' else '120+' end`;
}

/**
 * Open accounts receivable per payer and age bucket on `today`: every claim that went out in a batch and
 * still has a balance (charge − paid − adjusted, after 835 posting), aged from its first submission (the
 * first 837 batch that carried it). Closed and voided claims owe nothing. COB: a claim whose patient
 * responsibility moved to a secondary claim is carried by that claim, which owes at most what the earlier
 * payer left (its full charge stays on it until its own 835 adjusts the earlier payer's part, OA-23).
 */
export async function arAgingRows(db: DbOrTx, today: string) {
  const submitted = db
    .selectFrom('billing_batch_claim as bc')
    .innerJoin('billing_batch as b', 'b.id', 'bc.batch_id')
    .select(['bc.claim_id', (e) => e.fn.min('b.created_at').as('submitted_at')])
    .groupBy('bc.claim_id');
  const age = sql<number>`(${today}::date - (s.submitted_at at time zone 'UTC')::date)`;
  const balance = sql<string>`(case when p.id is null then c.charge - c.paid - c.adjusted
    else least(c.charge - c.paid - c.adjusted, p.responsibility_amount - c.paid) end)`;
  return (
    db
      .selectFrom('billing_claim as c')
      .innerJoin(submitted.as('s'), 's.claim_id', 'c.id')
      .leftJoin('billing_claim as p', 'p.id', 'c.prior_claim_id')
      .select([
        'c.payer_name',
        bucketSql(age).as('bucket'),
        (e) => e.fn.countAll<string>().as('n'),
        sql<string>`sum(${balance})`.as('amount'),
      ])
      .where('c.status', 'not in', ['closed', 'void'])
      .where((e) => e.or([e('c.responsibility_to', 'is', null), e('c.responsibility_to', '!=', 'secondary')]))
      .where(sql<boolean>`${balance} > 0`)
      // By position: the bucket expression carries a bound parameter, so it cannot be repeated here.
      .groupBy([sql`1`, sql`2`])
      .orderBy('c.payer_name')
      .execute()
  );
}
