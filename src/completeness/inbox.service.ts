import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { unauthorized } from '../kernel/errors.ts';
import { listAmendments } from './amendment.queries.ts';
import { inboxCounts as counts } from './queue.queries.ts';

/** The counts on a clinician's home page: deficiencies (and how many overdue), unsigned notes, queries. */
export async function inboxCounts(ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  return withTransaction(ctx.db, async (trx) => {
    const c = await counts(trx, actor.userId, ctx.clock.now());
    const amendments = await listAmendments(trx, {
      status: 'pending',
      authorId: actor.userId,
      limit: 1,
      offset: 0,
    });
    // Counts only, no patient named: audited as a list read without patient ids.
    await recordAudit(trx, ctx, {
      action: 'completion.inbox.counts',
      resourceType: 'completeness_deficiency',
    });
    return { ...c, amendments: amendments.total };
  });
}
