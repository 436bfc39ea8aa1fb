import { z } from 'zod';

const uuid = z.uuid('must be an id');
const dateTime = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' });

export const queueQuery = z.object({
  responsibleId: uuid.optional(),
  service: z.string().trim().max(80).optional(),
  ruleId: z.string().trim().max(80).optional(),
  /** Only deficiencies at least this many days past due. */
  minDaysOverdue: z.coerce.number().int().min(0).max(3650).optional(),
  facilityId: uuid.optional(),
  status: z.enum(['open', 'closed', 'waived']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type QueueFilter = z.infer<typeof queueQuery>;

export const manualBody = z.object({
  encounterId: uuid,
  description: z.string().trim().min(3, 'describe what is missing (at least 3 characters)').max(500),
  responsibleUserId: uuid,
  dueAt: dateTime,
});

export const reassignBody = z.object({
  ids: z.array(uuid).min(1, 'choose at least one deficiency').max(500),
  responsibleUserId: uuid,
  reason: z.string().trim().max(500).optional(),
});

export const waiveBody = z.object({
  reason: z.string().trim().max(500).optional(),
});

export const stageSchema = z.enum(['not-due', 'delinquent', 'reminded', 'escalated']);

/** A deficiency as it leaves the server (the allow-list: patient name and MRN for the worker's queue). */
export const deficiencySchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  mrn: z.string(),
  encounterId: z.string(),
  service: z.string().nullable(),
  ruleId: z.string(),
  itemKey: z.string(),
  description: z.string(),
  responsibleUserId: z.string().nullable(),
  responsibleName: z.string().nullable(),
  manual: z.boolean(),
  status: z.enum(['open', 'closed', 'waived']),
  openedAt: z.string(),
  dueAt: z.string(),
  daysOverdue: z.number().int(),
  stage: stageSchema,
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
});
export type Deficiency = z.infer<typeof deficiencySchema>;
/** `totalCapped`: there are more than `total` (the count stops at 10,000). */
export const deficiencyPageSchema = z.object({
  items: z.array(deficiencySchema),
  total: z.number().int(),
  totalCapped: z.boolean(),
});

export const deficiencyDetailSchema = deficiencySchema.extend({
  events: z.array(
    z.object({
      action: z.string(),
      fromUserId: z.string().nullable(),
      toUserId: z.string().nullable(),
      reason: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
});

export const ruleSettingSchema = z.object({
  id: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  params: z.record(z.string(), z.number()),
  defaults: z.record(z.string(), z.number()),
  paramHelp: z.record(z.string(), z.string()),
});
export const settingsSchema = z.object({
  facilityKey: z.string(),
  rules: z.array(ruleSettingSchema),
  aging: z.object({ reminderAfterDays: z.number().int(), escalateAfterDays: z.number().int() }),
});
export const settingsQuery = z.object({ facility: z.string().trim().max(80).default('*') });
export const ruleSettingBody = z.object({
  enabled: z.boolean(),
  params: z.record(z.string(), z.number().int().min(0).max(10_000)).default({}),
});
export const ruleParams = z.object({ ruleId: z.string().max(80) });
export const agingBody = z.object({
  reminderAfterDays: z.number().int().min(0).max(365),
  escalateAfterDays: z.number().int().min(0).max(365),
});
export const analysisResultSchema = z.object({
  encounters: z.number().int(),
  opened: z.number().int(),
  closed: z.number().int(),
  updated: z.number().int(),
});
