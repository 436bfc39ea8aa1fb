import { z } from 'zod';
import { PURPOSES, REQUESTER_TYPES, SENSITIVE_CATEGORIES } from './requester.ts';
import { STATUSES } from './status.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.');

export const scopeSchema = z.object({
  recordTypes: z.array(z.string().min(1)).default([]),
  dateFrom: isoDate.nullable().default(null),
  dateTo: isoDate.nullable().default(null),
  encounterIds: z.array(z.uuid()).default([]),
});

export const newRequestSchema = z.object({
  patientId: z.uuid(),
  requesterType: z.enum(REQUESTER_TYPES),
  requesterName: z.string().trim().min(2, 'Name the requester.'),
  requesterAddress: z.string().trim().min(5, 'Give the requester’s address (where the records will go).'),
  purpose: z.enum(PURPOSES),
  purposeText: z.string().trim().max(500).nullable().default(null),
  scope: scopeSchema,
  deliveryMethod: z.enum(['secure-link', 'mail', 'direct-to-provider']),
  receivedOn: isoDate,
});
export type NewRequest = z.infer<typeof newRequestSchema>;

export const requestSchema = z.object({
  id: z.string(),
  requestNo: z.string(),
  patientId: z.string(),
  requesterType: z.string(),
  requesterName: z.string(),
  requesterAddress: z.string(),
  purpose: z.string(),
  purposeText: z.string().nullable(),
  scope: scopeSchema,
  deliveryMethod: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  extensionGrantedOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  identityVerification: z
    .object({ method: z.string(), verifiedBy: z.string(), verifiedAt: z.string() })
    .nullable(),
  status: z.enum(STATUSES),
  overrideReason: z.string().nullable(),
  version: z.number().int(),
  history: z.array(
    z.object({
      status: z.string(),
      note: z.string().nullable(),
      at: z.string(),
      actor: z.string().nullable(),
    }),
  ),
});
export type RequestView = z.infer<typeof requestSchema>;

export const queueQuerySchema = z.object({
  status: z.enum(STATUSES).optional(),
  requesterType: z.enum(REQUESTER_TYPES).optional(),
  dueBefore: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const queueSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      requestNo: z.string(),
      patientId: z.string(),
      patient: z.object({ mrn: z.string(), name: z.string() }).nullable(),
      requesterType: z.string(),
      requesterName: z.string(),
      purpose: z.string(),
      receivedOn: z.string(),
      dueOn: z.string(),
      daysLeft: z.number().int(),
      status: z.string(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const authorizationFormSchema = z.object({
  description: z.string(),
  coversAllRecords: z.boolean().default(false),
  recordTypes: z.array(z.string()).default([]),
  dateFrom: isoDate.nullable().default(null),
  dateTo: isoDate.nullable().default(null),
  sensitiveCategories: z.array(z.enum(SENSITIVE_CATEGORIES)).default([]),
  discloser: z.string(),
  recipient: z.string(),
  purpose: z.string(),
  expiresOn: isoDate.nullable().default(null),
  expirationEvent: z.string().nullable().default(null),
  expirationEventOccurred: z.boolean().default(false),
  signed: z.boolean(),
  signedOn: isoDate.nullable().default(null),
  signedBy: z.enum(['patient', 'representative']).default('patient'),
  representativeAuthority: z.string().nullable().default(null),
  representativeAuthorityDocumented: z.boolean().default(false),
  statesRightToRevoke: z.boolean(),
  statesConditioning: z.boolean(),
  statesRedisclosure: z.boolean(),
  revokedOn: isoDate.nullable().default(null),
  psychotherapyOnly: z.boolean().default(false),
  /** The scanned signed form, uploaded to the patient's documents as a consent; its hash is kept. */
  scannedDocumentId: z.string().uuid('Not a document id.').nullable().default(null),
});

export const checkResultSchema = z.object({
  authorizationRequired: z.boolean(),
  basis: z.string(),
  minimumNecessary: z.boolean(),
  authorizationId: z.string().nullable(),
  passed: z.boolean(),
  overridden: z.boolean(),
  elements: z.array(
    z.object({ element: z.string(), rule: z.string(), ok: z.boolean(), message: z.string() }),
  ),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const transitionSchema = z.object({
  note: z.string().trim().max(1000).optional(),
  version: z.number().int(),
});

export const accountingSchema = z.object({
  patientId: z.string(),
  from: z.string(),
  to: z.string(),
  disclosures: z.array(
    z.object({
      date: z.string(),
      recipient: z.string(),
      recipientAddress: z.string().nullable(),
      description: z.string(),
      purpose: z.string(),
      accountable: z.boolean(),
      exemptCategory: z.string().nullable(),
    }),
  ),
});
