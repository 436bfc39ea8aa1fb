import { z } from 'zod';
import { scrubFindingSchema } from './scrubber/finding.schema.ts';

export const CLAIM_STATUSES = [
  'draft',
  'scrubbed',
  'ready',
  'submitted',
  'accepted',
  'rejected',
  'paid',
  'partially_paid',
  'denied',
  'appealed',
  'closed',
  'void',
] as const;

/** A claim in lists and `claims list --json` (issue 13 CLI contract: these field names are stable). */
export const claimSummarySchema = z.object({
  id: z.string().uuid(),
  patientControlNumber: z.string(),
  payerId: z.string().nullable(),
  payerName: z.string(),
  payerOrder: z.enum(['primary', 'secondary', 'tertiary']),
  type: z.enum(['P', 'I']),
  status: z.enum(CLAIM_STATUSES),
  frequencyCode: z.string(),
  patientId: z.string().uuid(),
  encounterId: z.string().uuid(),
  serviceFrom: z.string(),
  serviceTo: z.string(),
  charge: z.number(),
  paid: z.number(),
  adjusted: z.number(),
  patientResponsibility: z.number(),
  balance: z.number(),
});
export type ClaimSummary = z.infer<typeof claimSummarySchema>;

export const claimListQuery = z.object({
  status: z.enum(CLAIM_STATUSES).optional(),
  after: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const claimListSchema = z.object({ items: z.array(claimSummarySchema), next: z.string().nullable() });

export const claimLineSchema = z.object({
  lineNo: z.number().int(),
  codeSystem: z.string(),
  code: z.string(),
  modifiers: z.array(z.string()),
  units: z.number().int(),
  serviceDate: z.string(),
  diagnosisPointers: z.array(z.number().int()),
  placeOfService: z.string().nullable(),
  revenueCode: z.string().nullable(),
  charge: z.number(),
  paid: z.number(),
  adjusted: z.number(),
});

const linkedClaimSchema = z.object({
  id: z.string().uuid(),
  patientControlNumber: z.string(),
  payerName: z.string(),
  payerOrder: z.enum(['primary', 'secondary', 'tertiary']),
  status: z.enum(CLAIM_STATUSES),
});

export const claimDetailSchema = claimSummarySchema.extend({
  version: z.number().int(),
  /** The last scrub's findings (empty before the first scrub). */
  findings: z.array(scrubFindingSchema),
  priorAuthNumber: z.string().nullable(),
  diagnoses: z.array(z.object({ code: z.string(), poa: z.string().optional() })),
  /** COB: the claim this one follows (the primary's) and the one that follows it (the secondary's). */
  priorClaim: linkedClaimSchema.nullable(),
  nextClaim: linkedClaimSchema.nullable(),
  /** Where the patient responsibility went after this claim's 835 (null until then). */
  responsibility: z
    .object({ to: z.enum(['secondary', 'patient', 'forwarded']), amount: z.number() })
    .nullable(),
  /** On a secondary or tertiary claim: what the earlier payer decided (sent in 837 loop 2320). */
  priorPayer: z
    .object({
      payerName: z.string(),
      payerId: z.string(),
      paid: z.number(),
      patientResponsibility: z.number(),
      adjudicatedOn: z.string(),
    })
    .nullable(),
  /** What the patient owes over all their claims (responsibility moved to the patient's balance). */
  patientBalance: z.number(),
  lines: z.array(claimLineSchema),
  history: z.array(
    z.object({
      version: z.number().int(),
      action: z.string(),
      status: z.string(),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
});

export const idParams = z.object({ id: z.string().uuid('Not a claim id.') });

export const buildBody = z
  .object({ encounterId: z.string().uuid().optional(), allReady: z.boolean().optional() })
  .refine((b) => Boolean(b.encounterId) !== Boolean(b.allReady), {
    message: 'give either encounterId or allReady: true',
  });

export const buildResultSchema = z.object({
  captured: z.number().int(),
  built: z.number().int(),
  replacements: z.number().int(),
  skipped: z.array(z.object({ encounterId: z.string(), reason: z.string() })),
  claimIds: z.array(z.string()),
});

/** GET /api/billing/payers: the payers a biller picks from (prior authorizations, filters). */
export const payerSchema = z.object({
  id: z.string().uuid(),
  payerId: z.string(),
  name: z.string(),
  filingIndicator: z.string(),
  planType: z.string(),
  timelyFilingDays: z.number().int(),
  /** CPT/HCPCS codes this payer's rule says need a prior authorization. */
  priorAuthCodes: z.array(z.string()),
});
export const payerListSchema = z.object({ items: z.array(payerSchema) });
export type PayerOut = z.infer<typeof payerSchema>;
