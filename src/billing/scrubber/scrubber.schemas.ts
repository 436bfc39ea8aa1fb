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

/** A one-click fix from a scrubber finding (POST /api/billing/claims/{id}/fixes). */
export const fixBody = z.object({
  fix: z.enum(['recompute_total', 'trim_pointers', 'set_prior_auth']),
  /** The claim line, for `trim_pointers`. */
  line: z.number().int().min(1).max(999).optional(),
  /** The payer's authorization number, for `set_prior_auth` (REF*G1 REF02: letters, digits, dashes). */
  priorAuthNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,50}$/, 'An authorization number is 1 to 50 letters, digits or dashes.')
    .optional(),
  /** The claim version the biller saw; a claim changed since is refused (VERSION_CONFLICT). */
  version: z.number().int().min(1),
});
