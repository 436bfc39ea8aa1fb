import { z } from 'zod';

const uuid = z.uuid('must be an id');
const day = z.iso.date('must be a real date (YYYY-MM-DD)');
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const idParams = z.object({ id: uuid });
export const patientParams = z.object({ patientId: uuid });

export const openQueryBody = z.object({
  patientId: uuid,
  encounterId: uuid.optional(),
  entryId: uuid.optional(),
  question: text(2000),
  options: z.array(text(200)).max(10),
  dueOn: day,
  addresseeUserId: uuid,
});

export const answerQueryBody = z.object({
  option: z.string().trim().max(200).optional(),
  text: z.string().trim().max(4000).optional(),
});

export const queryListQuery = z.object({
  status: z.enum(['open', 'answered', 'withdrawn']).optional(),
  encounterId: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A clinician query as it leaves the server (the allow-list). */
export const querySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  encounterId: z.string().nullable(),
  entryId: z.string().nullable(),
  question: z.string(),
  options: z.array(z.string()),
  dueOn: z.string(),
  addresseeUserId: z.string(),
  addresseeName: z.string().nullable(),
  openedByRole: z.enum(['coder', 'clerk']),
  openedBy: z.string(),
  openedAt: z.string(),
  status: z.enum(['open', 'answered', 'withdrawn']),
  answerOption: z.string().nullable(),
  answerText: z.string().nullable(),
  answeredBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type ClinicianQuery = z.infer<typeof querySchema>;
export const queryPageSchema = z.object({ items: z.array(querySchema), total: z.number().int() });
