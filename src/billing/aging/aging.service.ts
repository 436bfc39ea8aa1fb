import type { RequestContext } from '../../kernel/context.ts';
import { AGING_BUCKETS } from '../denials/carc.ts';
import { auditBilling, requireBilling } from '../gate.ts';
import { arAgingRows } from './aging.queries.ts';
import { rollUpAging } from './aging.ts';

/**
 * Accounts-receivable aging per payer (0–30 … 120+ days since submission, remaining balance after 835
 * posting). Totals only, no patient named; the read is still audited as a billing read.
 */
export async function arAging(ctx: RequestContext) {
  await requireBilling(ctx, 'billing:read');
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return ctx.db.transaction().execute(async (trx) => {
    const report = rollUpAging(await arAgingRows(trx, today));
    await auditBilling(trx, ctx, 'billing.ar_aging_read', [], { payers: report.payers.length });
    return { asOf: today, buckets: [...AGING_BUCKETS], ...report };
  });
}
