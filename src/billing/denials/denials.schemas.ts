import { z } from 'zod';
import { AGING_BUCKETS, DENIAL_CATEGORIES } from './carc.ts';
import { SETTABLE_STATUSES } from './workflow.ts';

export const DENIAL_STATUSES = [
  'open',
  'in_progress',
  'appealed',
  'resubmitted',
  'resolved',
  'written_off',
] as const;

/** GET /api/billing/denials: the queue, by CARC group and category, payer, age, amount, assignee. */
export const denialQuery = z.object({
  status: z.enum([...DENIAL_STATUSES, 'active', 'all']).default('active'),
  category: z.enum(DENIAL_CATEGORIES).optional(),
  group: z.enum(['CO', 'OA', 'PI', 'PR', 'CR']).optional(),
  payer: z.string().min(1).max(100).optional(),
  /** A user id, `me`, or `none` (unassigned). */
  assignedTo: z.union([z.uuid(), z.enum(['me', 'none'])]).optional(),
  aging: z.enum(AGING_BUCKETS).optional(),
  minAmount: z.coerce.number().min(0).optional(),
  claimId: z.uuid().optional(),
  sort: z.enum(['oldest', 'amount']).default('oldest'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DenialQuery = z.infer<typeof denialQuery>;

const person = z.object({ id: z.uuid(), username: z.string(), name: z.string().nullable() });

export const denialSchema = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  patientControlNumber: z.string(),
  patientId: z.uuid(),
  patientName: z.string(),
  mrn: z.string(),
  payerName: z.string(),
  payerId: z.string().nullable(),
  claimType: z.enum(['P', 'I']),
  claimStatus: z.string(),
  serviceFrom: z.string(),
  serviceTo: z.string(),
  line: z.object({ lineNo: z.number().int(), code: z.string() }).nullable(),
  groupCode: z.string(),
  reasonCode: z.string(),
  reasonText: z.string(),
  category: z.enum(DENIAL_CATEGORIES),
  remarks: z.array(z.object({ code: z.string(), text: z.string() })),
  suggestedAction: z.string(),
  amount: z.number(),
  claimBalance: z.number(),
  deniedOn: z.string(),
  ageDays: z.number().int(),
  aging: z.enum(AGING_BUCKETS),
  status: z.enum(DENIAL_STATUSES),
  assignee: person.nullable(),
  assignedAt: z.string().nullable(),
  correctedClaimId: z.uuid().nullable(),
  version: z.number().int(),
});
export type DenialOut = z.infer<typeof denialSchema>;

export const denialListSchema = z.object({ items: z.array(denialSchema), total: z.number().int() });

export const denialDetailSchema = denialSchema.extend({
  events: z.array(
    z.object({
      version: z.number().int(),
      action: z.string(),
      status: z.string(),
      assignee: z.string().nullable(),
      note: z.string().nullable(),
      actor: z.string(),
      at: z.string(),
    }),
  ),
  appeals: z.array(
    z.object({
      id: z.uuid(),
      level: z.number().int(),
      reason: z.string(),
      records: z.array(z.string()),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
});
export type DenialDetail = z.infer<typeof denialDetailSchema>;

export const denialParams = z.object({ id: z.uuid() });
export const appealParams = z.object({ id: z.uuid(), appealId: z.uuid() });

export const assignBody = z.object({
  /** The user to assign, or null to unassign. */
  userId: z.uuid().nullable(),
  version: z.number().int(),
  note: z.string().max(2000).optional(),
});

export const statusBody = z.object({
  status: z.enum(SETTABLE_STATUSES),
  version: z.number().int(),
  note: z.string().max(2000).optional(),
});

export const appealBody = z.object({
  version: z.number().int(),
  /** Why the payer should reconsider (the body of the letter). */
  reason: z.string().min(10).max(5000),
  /** The records sent with the appeal, as described in the letter (the packet itself goes through ROI). */
  records: z.array(z.string().min(1).max(200)).max(20).default([]),
});

export const resubmitBody = z.object({
  version: z.number().int(),
  /** CLM05-3: 7 replacement of a prior claim (corrected), 8 void/cancel of a prior claim. */
  frequencyCode: z.enum(['7', '8']),
  note: z.string().max(2000).optional(),
});

export const resubmitResultSchema = z.object({
  denial: denialSchema,
  claim: z.object({
    id: z.uuid(),
    patientControlNumber: z.string(),
    frequencyCode: z.string(),
    status: z.string(),
    originalClaimId: z.uuid(),
  }),
});

export const agingQuery = z.object({
  status: z.enum(['active', 'all']).default('active'),
});

export const agingSchema = z.object({
  asOf: z.string(),
  buckets: z.array(z.enum(AGING_BUCKETS)),
  payers: z.array(
    z.object({
      payerName: z.string(),
      buckets: z.record(z.string(), z.object({ count: z.number().int(), amount: z.number() })),
      count: z.number().int(),
      amount: z.number(),
    }),
  ),
  totals: z.record(z.string(), z.object({ count: z.number().int(), amount: z.number() })),
});
