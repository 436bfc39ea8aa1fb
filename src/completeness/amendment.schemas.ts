import { z } from 'zod';

const uuid = z.uuid('must be an id');
const day = z.iso.date('must be a real date (YYYY-MM-DD)');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

/**
 * Grounds on which a covered entity may deny an amendment (45 CFR 164.526(a)(2)): the information was not
 * created by it, is not part of the designated record set, would not be available for inspection under
 * 164.524, or is accurate and complete.
 */
export const DENIAL_GROUNDS = [
  'not_created_here',
  'not_in_record_set',
  'not_available',
  'accurate_complete',
] as const;

export const requestAmendmentBody = z.object({
  entryIds: z.array(uuid).min(1, 'name at least one chart entry').max(50),
  request: text(4000),
  receivedOn: day,
  authorUserId: uuid,
});

export const extendBody = z.object({
  reason: z
    .string()
    .trim()
    .min(10, 'give the written reason sent to the patient (at least 10 characters)')
    .max(2000),
});

const party = z.object({ name: text(200), contact: text(300) });
export const decisionBody = z.object({
  decision: z.enum(['accept', 'deny']),
  amendmentText: z.string().trim().max(8000).optional(),
  notifyParties: z.array(party).max(20).optional(),
  denialGround: z.enum(DENIAL_GROUNDS).optional(),
  denialBasis: z.string().trim().max(4000).optional(),
});
export type DecisionInput = z.infer<typeof decisionBody>;

export const statementBody = z.object({
  kind: z.enum(['disagreement', 'rebuttal']),
  text: text(8000),
});

export const amendmentListQuery = z.object({
  status: z.enum(['pending', 'accepted', 'denied']).optional(),
  patientId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const statementSchema = z.object({
  id: z.string(),
  kind: z.enum(['disagreement', 'rebuttal']),
  text: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

/** An amendment request as it leaves the server, with the statements appended to it. */
export const amendmentSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  entryIds: z.array(z.string()),
  requestText: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  extendedDueOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  effectiveDueOn: z.string(),
  authorUserId: z.string(),
  status: z.enum(['pending', 'accepted', 'denied']),
  amendmentText: z.string().nullable(),
  notifyParties: z.array(z.object({ name: z.string(), contact: z.string() })),
  denialGround: z.string().nullable(),
  denialBasis: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  statements: z.array(statementSchema),
});
export type Amendment = z.infer<typeof amendmentSchema>;
export const amendmentPageSchema = z.object({ items: z.array(amendmentSchema), total: z.number().int() });
