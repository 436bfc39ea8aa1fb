import { z } from 'zod';

const count = z.number().int().optional();
export const typeCountsSchema = z.record(
  z.string(),
  z.object({ created: count, updated: count, unchanged: count, rejected: count, skipped: count }),
);

/** An import job as the web page polls it. */
export const importJobSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  files: z.array(z.string()),
  total: z.number().int(),
  processed: z.number().int(),
  counts: typeCountsSchema,
  error: z.string().nullable(),
  /** The job on the job queue running it (the administrator's jobs screen); null for a CLI import. */
  jobId: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export const importJobPageSchema = z.object({ items: z.array(importJobSchema), total: z.number().int() });

const issueSchema = z.object({ expression: z.string(), code: z.string(), message: z.string() });
export const rejectSchema = z.object({
  file: z.string(),
  location: z.string(),
  resourceType: z.string().nullable(),
  id: z.string().nullable(),
  issues: z.array(issueSchema),
});
export const rejectPageSchema = z.object({ items: z.array(rejectSchema), total: z.number().int() });
export const importReportSchema = z.object({
  jobId: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  files: z.array(z.string()),
  processed: z.number().int(),
  counts: typeCountsSchema,
  rejected: z.array(rejectSchema),
});

export const jobParams = z.object({ id: z.uuid('Not an import job id.') });
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

export const exportQuery = z.object({
  _type: z.string().max(500).optional(),
  _since: z.string().max(40).optional(),
  _outputFormat: z.string().max(60).optional(),
});
export const exportIdParams = z.object({ id: z.string().max(40) });
export const exportFileParams = z.object({ id: z.string().max(40), file: z.string().max(60) });
export const manifestSchema = z.object({
  transactionTime: z.string(),
  request: z.string(),
  requiresAccessToken: z.boolean(),
  output: z.array(z.object({ type: z.string(), url: z.string(), count: z.number().int() })),
  error: z.array(z.object({ type: z.string(), url: z.string() })),
});
export const operationOutcomeSchema = z.looseObject({ resourceType: z.literal('OperationOutcome') });
