import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { countFees, upsertFees, upsertPayers } from './billing.queries.ts';
import { readFeeFile } from './fee-file.ts';
import { auditBilling, requireBilling } from './gate.ts';
import { readPayerFile } from './payer-file.ts';

/**
 * Loads a fee schedule CSV in one transaction: every row is checked first, so a bad row loads nothing.
 * @param onProgress - rows written so far (for the CLI's progress bar)
 */
export async function loadFees(
  ctx: RequestContext,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; total: number }> {
  await requireBilling(ctx, 'billing:write');
  const rows = readFeeFile(text);
  return withTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now();
    for (let i = 0; i < rows.length; i += 5000) {
      await upsertFees(trx, rows.slice(i, i + 5000), now);
      onProgress?.(Math.min(i + 5000, rows.length), rows.length);
    }
    const total = await countFees(trx);
    await auditBilling(trx, ctx, 'billing.fees_load', [], { rows: rows.length });
    return { rows: rows.length, total };
  });
}

/** Loads (or updates) payers from a CSV in one transaction. */
export async function loadPayers(ctx: RequestContext, text: string): Promise<{ rows: number }> {
  await requireBilling(ctx, 'billing:write');
  const rows = readPayerFile(text);
  return withTransaction(ctx.db, async (trx) => {
    await upsertPayers(trx, rows, ctx.clock.now());
    await auditBilling(trx, ctx, 'billing.payers_load', [], { rows: rows.length });
    return { rows: rows.length };
  });
}
