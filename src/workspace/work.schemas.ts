import { z } from 'zod';

export const dutySchema = z.enum([
  'patients',
  'completion',
  'roi',
  'coding',
  'billing',
  'registry',
  'privacy',
  'interfaces',
  'administration',
]);

/** One queue on the "My work" page: counts and dates only, never a patient's name. */
export const workQueueSchema = z.object({
  key: z.string(),
  label: z.string(),
  duty: dutySchema,
  path: z.string(),
  count: z.number().int(),
  capped: z.boolean(),
  oldestAt: z.string().nullable(),
  oldestAgeDays: z.number().int().nullable(),
  dueToday: z.number().int(),
  breached: z.number().int(),
  deadline: z.object({ days: z.number().int().nullable(), rule: z.string() }).nullable(),
  /** The most urgent item's page (one click opens it); null when the queue is empty. */
  nextItemPath: z.string().nullable(),
});

export const myWorkSchema = z.object({
  today: z.string(),
  queues: z.array(workQueueSchema),
});

export type WorkQueueView = z.infer<typeof workQueueSchema>;
