import { z } from 'zod';

export const ELIGIBILITY_STATUSES = ['sent', 'active', 'inactive', 'rejected'] as const;

export const eligibilityRequestBody = z.object({
  /** Patients to ask about; left out, every patient with a claim not yet sent. */
  patientIds: z.array(z.uuid()).min(1).max(5000).optional(),
  /** The date of service asked about (DTP*291); today when left out. */
  serviceDate: z.iso.date().optional(),
});
export type EligibilityRequestInput = z.infer<typeof eligibilityRequestBody>;

export const eligibilityImportBody = z.object({
  content: z.string().min(1, 'the 271 file is empty'),
  fileName: z.string().max(200).optional(),
});

export const eligibilityQuery = z.object({
  patientId: z.uuid().optional(),
  status: z.enum(ELIGIBILITY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const benefitSchema = z.object({
  code: z.string(),
  level: z.string().nullable(),
  serviceTypes: z.array(z.string()),
  insuranceType: z.string().nullable(),
  plan: z.string().nullable(),
  period: z.string().nullable(),
  amount: z.number().nullable(),
  percent: z.number().nullable(),
  inNetwork: z.string().nullable(),
});

export const eligibilitySchema = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientName: z.string(),
  mrn: z.string(),
  payerId: z.string(),
  payerName: z.string(),
  payerOrder: z.string(),
  memberId: z.string(),
  serviceDate: z.string(),
  traceNumber: z.string(),
  interchangeControlNumber: z.number().int(),
  status: z.enum(ELIGIBILITY_STATUSES),
  planName: z.string().nullable(),
  copay: z.number().nullable(),
  coinsurancePercent: z.number().nullable(),
  deductibleRemaining: z.number().nullable(),
  rejectReason: z.string().nullable(),
  benefits: z.array(benefitSchema),
  requestedBy: z.string(),
  requestedAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type EligibilityOut = z.infer<typeof eligibilitySchema>;

export const eligibilityListSchema = z.object({ items: z.array(eligibilitySchema), total: z.number().int() });

export const eligibilityRequestResult = z.object({
  interchangeControlNumber: z.number().int(),
  fileName: z.string(),
  /** The 270 interchange to send to the payers (or their clearinghouse). */
  content: z.string(),
  requests: z.array(eligibilitySchema),
  skipped: z.array(
    z.object({ patientId: z.uuid(), reason: z.enum(['NO_ACTIVE_COVERAGE', 'UNKNOWN_PAYER', 'NOT_VISIBLE']) }),
  ),
});
export type EligibilityRequestResult = z.infer<typeof eligibilityRequestResult>;

export const eligibilityImportResult = z.object({
  transactions: z.number().int(),
  matched: z.number().int(),
  items: z.array(eligibilitySchema),
  unmatched: z.array(z.object({ traceNumber: z.string().nullable(), reason: z.string() })),
});
export type EligibilityImportResult = z.infer<typeof eligibilityImportResult>;
