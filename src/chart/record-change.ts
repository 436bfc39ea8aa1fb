import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';

/**
 * Something changed an encounter's record (the encounter itself, an entry or a document on it). Other
 * domains listen through their DomainModule's `onRecordChange` (collected into ctx.hooks in src/app.ts):
 * chart completion re-runs its deficiency rules, inside the same transaction, so a deficiency opens or
 * closes together with the change that caused it (issue 5: "analysis runs … whenever the record changes").
 * Called by the chart's services before their audit write.
 */
export async function recordChanged(
  trx: DbOrTx,
  ctx: RequestContext,
  encounterId: string | null,
): Promise<void> {
  if (!encounterId) return;
  for (const l of ctx.hooks.recordChangeListeners) await l(trx, ctx, encounterId);
}
