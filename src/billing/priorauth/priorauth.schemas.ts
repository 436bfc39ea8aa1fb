import { z } from 'zod';

export const PRIOR_AUTH_STATUSES = [
  'pending',
  'approved',
  'partially_approved',
  'denied',
  'cancelled',
] as const;

const isoDate = z.iso.date();
const code = z
  .string()
  .regex(/^[A-Z0-9]{4,7}$/i, 'a CPT/HCPCS code')
  .transform((s) => s.toUpperCase());

export const priorAuthQuery = z.object({
  patientId: z.uuid().optional(),
  payerId: z.string().min(1).max(80).optional(),
  status: z.enum(PRIOR_AUTH_STATUSES).optional(),
  activeOn: isoDate.optional(),
  code: z.string().min(1).max(10).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const priorAuthCreate = z
  .object({
    patientId: z.uuid(),
    /** The payer's X12 id (billing_payer.payer_id). */
    payerId: z.string().min(1).max(80),
    codes: z.array(code).min(1).max(20),
    unitsApproved: z.number().int().min(1).nullable().default(null),
    validFrom: isoDate,
    validTo: isoDate,
    status: z.enum(PRIOR_AUTH_STATUSES).default('pending'),
    authorizationNumber: z.string().trim().min(1).max(50).nullable().default(null),
    note: z.string().max(2000).nullable().default(null),
  })
  .refine((v) => v.validTo >= v.validFrom, { path: ['validTo'], message: 'ends before it starts' });
export type PriorAuthCreate = z.infer<typeof priorAuthCreate>;

export const priorAuthUpdate = z.object({
  version: z.number().int(),
  status: z.enum(PRIOR_AUTH_STATUSES).optional(),
  authorizationNumber: z.string().trim().min(1).max(50).nullable().optional(),
  unitsApproved: z.number().int().min(1).nullable().optional(),
  unitsUsed: z.number().int().min(0).optional(),
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
  codes: z.array(code).min(1).max(20).optional(),
  note: z.string().max(2000).nullable().optional(),
});
export type PriorAuthUpdate = z.infer<typeof priorAuthUpdate>;

export const priorAuthParams = z.object({ id: z.uuid() });

export const priorAuthSchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  mrn: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  codes: z.array(z.string()),
  unitsApproved: z.number().int().nullable(),
  unitsUsed: z.number().int(),
  unitsRemaining: z.number().int().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  status: z.enum(PRIOR_AUTH_STATUSES),
  authorizationNumber: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PriorAuthOut = z.infer<typeof priorAuthSchema>;

export const priorAuthListSchema = z.object({ items: z.array(priorAuthSchema) });

export const priorAuthDetailSchema = priorAuthSchema.extend({
  history: z.array(
    z.object({ version: z.number().int(), action: z.string(), actor: z.string(), at: z.string() }),
  ),
});
