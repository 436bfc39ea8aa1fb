import { AGING_BUCKETS } from '../denials/carc.ts';

/** One group of the aging SQL: a payer's claims (or denials) in one age bucket. */
export interface AgingRow {
  payer_name: string;
  bucket: string;
  n: string | number;
  amount: string | null;
}

/** Rounds to cents (amounts come from numeric columns as strings). */
const money = (v: number): number => Math.round(v * 100) / 100;

export type BucketTotals = Record<string, { count: number; amount: number }>;

export interface AgingReport {
  payers: { payerName: string; buckets: BucketTotals; count: number; amount: number }[];
  totals: BucketTotals;
}

const empty = (): BucketTotals => Object.fromEntries(AGING_BUCKETS.map((b) => [b, { count: 0, amount: 0 }]));

function add(into: BucketTotals, bucket: string, n: number, amount: number): void {
  const b = into[bucket] ?? { count: 0, amount: 0 };
  b.count += n;
  b.amount = money(b.amount + amount);
  into[bucket] = b;
}

/**
 * Rolls the per-payer, per-bucket groups up into the aging report (0–30, 31–60, 61–90, 91–120, 120+ days):
 * each payer's buckets and total, and the totals per bucket over every payer. Amounts are rounded to cents
 * at each step so the buckets add up to the total exactly.
 */
export function rollUpAging(rows: AgingRow[]): AgingReport {
  const payers = new Map<string, AgingReport['payers'][number]>();
  const totals = empty();
  for (const r of rows) {
    const p = payers.get(r.payer_name) ?? { payerName: r.payer_name, buckets: empty(), count: 0, amount: 0 };
    const n = Number(r.n);
    const amount = money(Number(r.amount ?? 0));
    add(p.buckets, r.bucket, n, amount);
    p.count += n;
    p.amount = money(p.amount + amount);
    payers.set(r.payer_name, p);
    add(totals, r.bucket, n, amount);
  }
  return { payers: [...payers.values()], totals };
}
