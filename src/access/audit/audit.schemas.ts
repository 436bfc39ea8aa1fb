import { z } from 'zod';

const page = {
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const auditFilterQuery = z.object({
  userId: z.uuid().optional(),
  username: z.string().max(64).optional(),
  patientId: z.uuid().optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

export const auditSearchQuery = auditFilterQuery.extend(page);
export const pageQuery = z.object(page);

export const auditEventSchema = z.object({
  seq: z.number(),
  id: z.string(),
  occurredAt: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  roles: z.array(z.string()),
  facilityId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  patientIds: z.array(z.string()),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  purposeOfUse: z.string().nullable(),
  breakGlass: z.boolean(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  channel: z.string().nullable(),
});

export const auditPageSchema = z.object({ items: z.array(auditEventSchema), total: z.number().int() });

export const patientParams = z.object({ patientId: z.uuid() });

export const breakGlassQueueQuery = z.object({
  status: z.enum(['pending', 'acknowledged', 'escalated']).optional(),
  ...page,
});

export const breakGlassViewSchema = z.array(
  z.object({
    id: z.string(),
    userId: z.string(),
    username: z.string(),
    fullName: z.string(),
    patientId: z.string(),
    reasonCode: z.string(),
    reasonText: z.string(),
    startedAt: z.string(),
    expiresAt: z.string(),
    reviewStatus: z.string(),
    reviewedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
  }),
);

export const reviewBody = z.object({
  decision: z.enum(['acknowledged', 'escalated']),
  note: z.string().max(2000),
});

export const declareBreakGlassBody = z.object({
  patientId: z.uuid(),
  reasonCode: z.string().max(64),
  reasonText: z.string().max(2000),
});

export const declaredSchema = z.object({ id: z.string(), expiresAt: z.string() });
export const reasonsSchema = z.array(z.object({ code: z.string(), label: z.string() }));

export const checkpointQuery = z.object({
  /** An earlier tree size the auditor holds a checkpoint for: adds an RFC 9162 consistency proof. */
  from: z.coerce.number().int().min(0).optional(),
});

export const checkpointSchema = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  keyId: z.string(),
  publicKey: z.string().nullable(),
  signature: z.string(),
  signedAt: z.string(),
  note: z.string(),
  fromSize: z.number().int().optional(),
  consistency: z.array(z.string()).optional(),
});
