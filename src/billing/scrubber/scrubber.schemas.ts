import { z } from 'zod';
import { CLAIM_STATUSES } from '../billing.schemas.ts';
import { scrubFindingSchema } from './finding.schema.ts';

export const scrubBody = z.object({
  /** The claims to scrub; without it, every claim not yet sent. */
  claimIds: z.array(z.string().uuid()).min(1).max(500).optional(),
});

/** At most this many claims are listed in an API answer (the counts cover all). */
export const SCRUB_LIST_MAX = 500;

export const scrubResultSchema = z.object({
  scrubbed: z.number().int(),
  ready: z.number().int(),
  needsWork: z.number().int(),
  changed: z.number().int(),
  busy: z.number().int(),
  byCode: z.record(z.string(), z.number().int()),
  claims: z.array(
    z.object({
      id: z.string().uuid(),
      patientControlNumber: z.string(),
      status: z.enum(CLAIM_STATUSES),
      findings: z.array(scrubFindingSchema),
    }),
  ),
});
