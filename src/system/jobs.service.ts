import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { notFound } from '../kernel/errors.ts';
import type { JobView } from '../kernel/jobs.ts';
import type { JobListQuery } from './jobs.schemas.ts';

/**
 * The administrator's jobs screen over the one job queue (docs/architecture.md, "Job queue"). The route's
 * `job:admin` permission is checked by the gate, which audits a refusal; cancelling and retrying are
 * audited here. Reading the list is not: a job row holds no patient data.
 */

export async function listJobs(ctx: RequestContext, q: JobListQuery) {
  const { items, total } = await ctx.jobs.list(ctx.db, {
    kinds: q.kind,
    statuses: q.status,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}

export async function getJob(ctx: RequestContext, id: string): Promise<JobView> {
  const job = await ctx.jobs.get(ctx.db, id);
  if (!job) throw notFound('Job');
  return job;
}

export function jobQueues(ctx: RequestContext) {
  return { queues: ctx.jobs.queues(ctx.config) };
}

/** Cancels a queued or running job (a running one stops at its next progress report). */
export async function cancelJob(ctx: RequestContext, id: string): Promise<JobView> {
  const job = await ctx.jobs.cancel(ctx, id);
  await recordAudit(ctx.db, ctx, {
    action: 'job.cancel',
    resourceType: 'Job',
    resourceId: id,
    details: { kind: job.kind },
  });
  return job;
}

/** Runs a failed or cancelled job again. */
export async function retryJob(ctx: RequestContext, id: string): Promise<JobView> {
  const job = await ctx.jobs.retry(ctx, id);
  await recordAudit(ctx.db, ctx, {
    action: 'job.retry',
    resourceType: 'Job',
    resourceId: id,
    details: { kind: job.kind },
  });
  return job;
}
