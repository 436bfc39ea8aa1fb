import { z } from 'zod';
import { cautionOut, fieldComparisonOut, searchItemOut } from './patients.responses.ts';

export const mergeBody = z.object({
  survivorId: z.string().uuid('Choose the surviving record.'),
  retiredId: z.string().uuid('Choose the record to retire.'),
  reason: z.string().trim().max(500).nullish(),
});
export const mergeOut = z.object({ mergeId: z.string(), survivorId: z.string(), retiredId: z.string() });
export const mergeIdParams = z.object({ mergeId: z.string().uuid('Not a merge id.') });
export const pairIdParams = z.object({ pairId: z.string().uuid('Not a review-queue id.') });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const okOut = z.object({ ok: z.literal(true) });
export const duplicatesQuery = pageQuery.extend({
  status: z.enum(['open', 'deferred']).default('open'),
  band: z.enum(['certain', 'probable']).optional(),
});
export const deferBody = z.object({
  note: z
    .string()
    .trim()
    .min(3, 'Say what you are waiting for (at least 3 characters).')
    .max(500, 'Keep the note under 500 characters.'),
});

export const duplicatesOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      a: searchItemOut,
      b: searchItemOut,
      score: z.number(),
      band: z.string(),
      status: z.enum(['open', 'deferred']),
      /** The weight each field contributed (the waterfall) and why the pair is not "certain". */
      fields: z.array(fieldComparisonOut),
      cautions: z.array(cautionOut),
      deferredNote: z.string().nullable(),
      foundAt: z.string(),
    }),
  ),
  counts: z.object({
    open: z.number().int(),
    deferred: z.number().int(),
    certain: z.number().int(),
    probable: z.number().int(),
  }),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});

export const sweepOut = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  startedBy: z.string(),
  processed: z.number().int(),
  total: z.number().int(),
  pairsFound: z.number().int(),
});
export const sweepStatusOut = z.object({ sweep: sweepOut.nullable() });

export const mergesOut = z.object({
  merges: z.array(
    z.object({
      id: z.string(),
      survivorId: z.string(),
      retiredId: z.string(),
      reason: z.string().nullable(),
      mergedAt: z.string(),
      mergedBy: z.string(),
      unmergedAt: z.string().nullable(),
      unmergedBy: z.string().nullable(),
    }),
  ),
});
