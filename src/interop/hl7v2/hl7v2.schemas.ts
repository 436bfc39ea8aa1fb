import { z } from 'zod';

/** Shapes of the interface monitor's API: the allow-list of what leaves the server. */
const outcome = z.enum(['AA', 'AE', 'AR']);

export const idParams = z.object({ id: z.uuid('must be a message id') });
export const listQuery = z.object({
  outcome: outcome.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
/** A message typed or pasted into the monitor (one message; segments separated by CR or LF). */
export const submitBody = z.object({ text: z.string().min(1, 'paste one HL7 v2 message').max(1_000_000) });

export const messageSummary = z.object({
  id: z.string(),
  receivedAt: z.string(),
  source: z.string(),
  sendingApplication: z.string().nullable(),
  sendingFacility: z.string().nullable(),
  controlId: z.string().nullable(),
  messageType: z.string().nullable(),
  outcome,
  /** Field locations and reasons only, never values. */
  error: z.string().nullable(),
  patientId: z.string().nullable(),
  duplicates: z.number().int(),
  attempts: z.number().int(),
});

export const messagePage = z.object({
  items: z.array(messageSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  last24h: z.object({ AA: z.number().int(), AE: z.number().int(), AR: z.number().int() }),
  listener: z.object({ enabled: z.boolean(), port: z.number().int().nullable() }),
});

export const messageDetail = messageSummary.extend({
  raw: z.string(),
  ack: z.string(),
  attempts: z.number().int(),
  history: z.array(
    z.object({ attemptedAt: z.string(), attemptedBy: z.string(), outcome, error: z.string().nullable() }),
  ),
});

export const replayResult = z.object({ outcome, ack: z.string(), error: z.string().nullable() });
export const receipt = z.object({
  messageId: z.string(),
  outcome,
  ack: z.string(),
  duplicate: z.boolean(),
});
