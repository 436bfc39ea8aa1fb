import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { priorAuthTracker } from '../priorauth/priorauth.source.ts';

/** A claim with codes its payer requires a prior authorization for. */
export interface PriorAuthRequest {
  claimId: string;
  patientId: string;
  payerRef: string;
  codes: string[];
  serviceFrom: string;
  serviceTo: string;
}

/**
 * Where the scrubber finds authorization numbers besides the one a biller typed on the claim
 * (`details.priorAuthNumber`). The prior-authorization tracker (src/billing/priorauth/) is listed here:
 * it answers with the approved authorization number per claim id, valid on the service dates.
 */
export interface PriorAuthSource {
  name: string;
  find(ctx: RequestContext, trx: DbOrTx, requests: PriorAuthRequest[]): Promise<Map<string, string>>;
}

/** The sources asked, in order (one visible list; nothing registers itself at import time). */
export const priorAuthSources: PriorAuthSource[] = [priorAuthTracker];

/** Authorization numbers per claim id from every registered source (the first source that knows wins). */
export async function priorAuthNumbers(
  ctx: RequestContext,
  trx: DbOrTx,
  requests: PriorAuthRequest[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const source of priorAuthSources) {
    const open = requests.filter((r) => !out.has(r.claimId));
    if (open.length === 0) break;
    for (const [id, n] of await source.find(ctx, trx, open)) if (!out.has(id)) out.set(id, n);
  }
  return out;
}
