import { recordAudit } from '../access/index.ts';
import { billingWorkQueues } from '../billing/index.ts';
import { codingWorkQueues } from '../coding/index.ts';
import { completenessWorkQueues } from '../completeness/index.ts';
import { disclosureWorkQueues } from '../disclosure/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { unauthorized } from '../kernel/errors.ts';
import type { WorkCount, WorkQueue } from '../kernel/work-queue.ts';
import { privacyWorkQueues } from '../privacy/index.ts';
import { registryWorkQueues } from '../registry/index.ts';
import type { WorkQueueView } from './work.schemas.ts';

/**
 * Every domain's queues, from their index.ts. A domain adds its queues here when it has some.
 */
export const WORK_QUEUES: WorkQueue[] = [
  ...completenessWorkQueues,
  ...disclosureWorkQueues,
  ...codingWorkQueues,
  ...billingWorkQueues,
  ...registryWorkQueues,
  ...privacyWorkQueues,
];

const DAY_MS = 86_400_000;

/**
 * The signed-in user's "My work" page: every queue their permissions allow, most urgent first (late
 * items, then items due today, then the oldest waiting). Counts only: no patient is named, so the one
 * audit event carries no patient id.
 */
export async function myWork(ctx: RequestContext, queues: WorkQueue[] = WORK_QUEUES) {
  const actor = ctx.actor;
  if (!actor) throw unauthorized();
  const now = ctx.clock.now();
  const today = now.toISOString().slice(0, 10);
  const mine = queues.filter((q) => actor.permissions.has(q.permission));
  return withTransaction(ctx.db, async (trx) => {
    const views: WorkQueueView[] = [];
    for (const q of mine) views.push(toView(q, await q.count(trx, actor.userId, today), now));
    await recordAudit(trx, ctx, { action: 'workspace.my-work.read', resourceType: 'work_queue' });
    return { today, queues: views.sort(byUrgency) };
  });
}

function toView(q: WorkQueue, c: WorkCount, now: Date): WorkQueueView {
  return {
    key: q.key,
    label: q.label,
    duty: q.duty,
    path: q.path,
    count: c.count,
    capped: c.capped,
    oldestAt: c.oldestAt?.toISOString() ?? null,
    oldestAgeDays: c.oldestAt
      ? Math.max(0, Math.floor((now.getTime() - c.oldestAt.getTime()) / DAY_MS))
      : null,
    dueToday: c.dueToday,
    breached: c.breached,
    deadline: c.nextDeadline ?? q.deadline,
    nextItemPath: c.nextId ? q.itemPath(c.nextId) : null,
  };
}

/** Late first, then due today, then the oldest waiting item; empty queues last. */
export function byUrgency(a: WorkQueueView, b: WorkQueueView): number {
  return (
    b.breached - a.breached ||
    b.dueToday - a.dueToday ||
    Number(b.count > 0) - Number(a.count > 0) ||
    (b.oldestAgeDays ?? -1) - (a.oldestAgeDays ?? -1) ||
    a.key.localeCompare(b.key)
  );
}
