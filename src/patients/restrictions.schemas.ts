import { z } from 'zod';

/** Both fields are checked by the service so a missing one gets a field-level message (issue 23). */
export const restrictionChange = z.object({
  label: z.string().max(100).optional(),
  reason: z.string().max(5000).optional(),
});

const historyItem = z.object({
  id: z.string(),
  label: z.string(),
  reason: z.string().nullable(),
  setAt: z.string(),
  setBy: z.string().nullable(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  removedReason: z.string().nullable(),
  active: z.boolean(),
});

export const restrictionLabelsOut = z.object({
  patientId: z.string(),
  active: z.array(z.string()),
  history: z.array(historyItem),
  available: z.array(z.string()),
});
