import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../kernel/context.ts';
import { typed } from '../kernel/routing.ts';
import { jobListOut, jobListQuery, jobOut, jobParams, jobQueuesOut } from './jobs.schemas.ts';
import { cancelJob, getJob, jobQueues, listJobs, retryJob } from './jobs.service.ts';

const tags = ['jobs'];
/** The administrator's (docs/access.md); the gate audits a refusal as `access.denied`. */
const permission = 'job:admin';

/** The jobs screen: every background job on the one queue, with cancel and retry. */
export const jobsRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs, newest first, filtered by queue (kind) and state (comma lists)',
        querystring: jobListQuery,
        response: { 200: jobListOut },
      },
      config: { permission },
    },
    (req) => listJobs(req.ctx, req.query),
  );
  r.get(
    '/admin/jobs/queues',
    {
      schema: { tags, summary: 'The queues: kind, retry limit, schedule', response: { 200: jobQueuesOut } },
      config: { permission },
    },
    (req) => jobQueues(req.ctx),
  );
  r.get(
    '/admin/jobs/:id',
    {
      schema: { tags, summary: 'One job', params: jobParams, response: { 200: jobOut } },
      config: { permission },
    },
    (req) => getJob(req.ctx, req.params.id),
  );
  r.post(
    '/admin/jobs/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a queued or running job (409 JOB_NOT_CANCELLABLE otherwise)',
        params: jobParams,
        response: { 200: jobOut },
      },
      config: { permission },
    },
    (req) => cancelJob(req.ctx, req.params.id),
  );
  r.post(
    '/admin/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Run a failed or cancelled job again (409 JOB_NOT_RETRYABLE otherwise)',
        params: jobParams,
        response: { 200: jobOut },
      },
      config: { permission },
    },
    (req) => retryJob(req.ctx, req.params.id),
  );
};
