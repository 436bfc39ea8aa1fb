import { z } from 'zod';

/** Shapes of the matcher-versions admin API (issue 17). No patient data: weights and figures only. */

export const versionParams = z.object({
  version: z.coerce.number().int('Not a version number.').min(1, 'Not a version number.'),
});
export const versionsQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
const reason = z
  .string()
  .trim()
  .min(3, 'Say why (at least 3 characters); the reason is kept in the audit trail.')
  .max(500);
export const activateBody = z.object({ reason, acceptMissedAims: z.boolean().optional() });
export const rollbackBody = z.object({ reason });

export const evaluationOut = z.object({
  people: z.number().int(),
  duplicates: z.number().int(),
  lookAlikes: z.number().int(),
  recallCertain: z.number(),
  recallCertainOrProbable: z.number(),
  lookAlikeCertainRate: z.number(),
  wrongPersonCertain: z.number().int(),
  meetsAims: z.boolean(),
  missed: z.array(z.string()),
});
export const versionOut = z.object({
  id: z.string(),
  version: z.number().int(),
  trainedAt: z.string(),
  trainedBy: z.string(),
  records: z.number().int(),
  pairs: z.number().int(),
  iterations: z.number().int(),
  converged: z.boolean(),
  lambda: z.number(),
  evaluation: evaluationOut,
  active: z.boolean(),
  activatedAt: z.string().nullable(),
  activatedBy: z.string().nullable(),
});
export const versionsOut = z.object({
  items: z.array(versionOut),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  activeVersion: z.number().int().nullable(),
});
export const rollbackOut = z.object({
  activeVersion: z.number().int().nullable(),
  previousVersion: z.number().int(),
});
export const trainOut = z.object({ jobId: z.string() });
