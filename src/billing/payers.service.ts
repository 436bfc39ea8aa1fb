import type { RequestContext } from '../kernel/context.ts';
import { allPayers } from './billing.queries.ts';
import type { PayerOut } from './billing.schemas.ts';
import { requireBilling } from './gate.ts';

/**
 * The payers with their claim filing indicator, plan type, timely-filing limit and prior-authorization
 * rule. No patient data, so no patient audit event; the permission check still applies (issue 13).
 */
export async function listPayers(ctx: RequestContext): Promise<{ items: PayerOut[] }> {
  await requireBilling(ctx, 'billing:read');
  const rows = await allPayers(ctx.db);
  return {
    items: rows.map((p) => ({
      id: p.id,
      payerId: p.payer_id,
      name: p.name,
      filingIndicator: p.filing_indicator,
      planType: p.plan_type,
      timelyFilingDays: p.timely_filing_days,
      priorAuthCodes: p.prior_auth_codes,
    })),
  };
}
