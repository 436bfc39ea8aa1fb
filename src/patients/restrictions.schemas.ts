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

/** Fields are checked by the access domain so each missing one gets its own message (issue 23). */
export const staffLinkBody = z.object({
  userId: z.string().max(100).optional(),
  kind: z.string().max(20).optional(),
  reason: z.string().max(5000).optional(),
});
export const staffUnlinkBody = z.object({
  linkId: z.string().max(100).optional(),
  reason: z.string().max(5000).optional(),
});

export const staffLinksOut = z.array(
  z.object({
    id: z.string(),
    userId: z.string(),
    username: z.string(),
    fullName: z.string(),
    kind: z.enum(['self', 'family']),
    reason: z.string(),
    linkedAt: z.string(),
    linkedBy: z.string(),
    removedAt: z.string().nullable(),
    removedBy: z.string().nullable(),
    removedReason: z.string().nullable(),
    active: z.boolean(),
  }),
);

export const staffDirectoryQuery = z.object({ q: z.string().min(1).max(100) });
export const staffDirectoryOut = z.array(
  z.object({ id: z.string(), username: z.string(), fullName: z.string() }),
);

export const restrictedQuery = z.object({
  label: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const restrictedOut = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      mrn: z.string(),
      name: z.string(),
      birthDate: z.string(),
      label: z.string(),
      since: z.string(),
      setBy: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
