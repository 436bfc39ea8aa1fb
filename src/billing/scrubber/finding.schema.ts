import { z } from 'zod';

/** A scrubber finding as the API shows it (see rules.ts ScrubFinding). */
export const scrubFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  line: z.number().int().optional(),
  fix: z.enum(['recompute_total', 'trim_pointers', 'set_prior_auth']).optional(),
});
