import { z } from 'zod';

/**
 * The jobs screen's API shapes (issue 12 item 5). The response schemas are the allow-list: a job is shown
 * by its queue, label, state, progress, timings, attempts, last error and who started it; its payload
 * (which may name a patient or a file) never leaves the server.
 */
export const JOB_STATUSES = ['queued', 'running', 'retrying', 'completed', 'failed', 'cancelled'] as const;

/** `a,b,c` → ['a','b','c'] (empty items dropped), for the list filters. */
const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export const jobListQuery = z.object({
  kind: z
    .string()
    .max(500)
    .transform(split)
    .pipe(
      z.array(z.string().regex(/^[a-z0-9.-]+$/, 'A queue name is like patients.duplicate-sweep.')).max(20),
    )
    .optional(),
  status: z
    .string()
    .max(200)
    .transform(split)
    .pipe(z.array(z.enum(JOB_STATUSES, { error: `A status is one of ${JOB_STATUSES.join(', ')}.` })).max(6))
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

export const jobParams = z.object({ id: z.uuid('Not a job id.') });

export const jobOut = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  status: z.enum(JOB_STATUSES),
  startedBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempts: z.number().int(),
  progress: z.object({ done: z.number(), total: z.number().nullable(), note: z.string().nullable() }),
  error: z.string().nullable(),
});
export type JobOut = z.infer<typeof jobOut>;

export const jobListOut = z.object({
  items: z.array(jobOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const jobQueuesOut = z.object({
  queues: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      retryLimit: z.number().int(),
      schedule: z.object({ cron: z.string(), tz: z.string() }).nullable(),
    }),
  ),
});
