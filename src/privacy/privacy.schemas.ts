import { z } from 'zod';
import { RULES } from './rules.ts';
import { policySchema, thresholdsSchema } from './thresholds.ts';

export const ALERT_STATUSES = ['new', 'under_review', 'closed_appropriate', 'closed_violation'] as const;
const ruleCode = z.enum(Object.keys(RULES) as [keyof typeof RULES, ...(keyof typeof RULES)[]]);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date, YYYY-MM-DD.');

export const alertQuery = z.object({
  status: z.enum([...ALERT_STATUSES, 'open']).optional(),
  rule: ruleCode.optional(),
  userId: z.string().uuid().optional(),
  patientId: z.string().uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

const patientRef = z.object({ id: z.string(), mrn: z.string(), name: z.string() }).nullable();

const alertItem = z.object({
  id: z.string(),
  day: z.string(),
  userId: z.string(),
  username: z.string(),
  role: z.string().nullable(),
  patient: patientRef,
  rules: z.array(z.string()),
  status: z.enum(ALERT_STATUSES),
  eventCount: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  version: z.number().int(),
});

export const alertList = z.object({
  items: z.array(alertItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
  rules: z.record(z.string(), z.string()),
});

const timelineEvent = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  outcome: z.string(),
  breakGlass: z.boolean(),
  resourceType: z.string().nullable(),
  channel: z.string().nullable(),
  sourceIp: z.string().nullable(),
});

export const alertDetail = alertItem.extend({
  hits: z.array(z.object({ rule: z.string(), why: z.string() })),
  labels: z.array(z.string()),
  deceased: z.string().nullable(),
  breakGlass: z.boolean(),
  volume: z
    .object({ charts: z.number(), userMedian: z.number().nullable(), rolePercentile: z.number().nullable() })
    .nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  notes: z.string().nullable(),
  /** When the violation was entered in the patient's accounting of disclosures (164.528), or null. */
  accountedAt: z.string().nullable(),
  timeline: z.array(timelineEvent),
  history: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      notes: z.string().nullable(),
    }),
  ),
});

export const reviewBody = z.object({
  status: z.enum(ALERT_STATUSES).optional(),
  notes: z.string().max(5000).optional(),
  version: z.number().int().optional(),
});

export const scanBody = z.object({ day: isoDay.optional(), since: isoDay.optional() });

export const scanResult = z.object({
  scans: z.array(
    z.object({
      day: z.string(),
      events: z.number().int(),
      touches: z.number().int(),
      alertsNew: z.number().int(),
      alertsUpdated: z.number().int(),
      ms: z.number().int(),
    }),
  ),
});

export const profileQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });

export const userProfile = z.object({
  userId: z.string(),
  days: z.array(z.object({ day: z.string(), role: z.string().nullable(), charts: z.number().int() })),
  median: z.number().nullable(),
  alerts: z.number().int(),
});

export const thresholdsOut = thresholdsSchema.extend({ defaults: thresholdsSchema });
export { policySchema, thresholdsSchema };
export const policyOut = policySchema.extend({ defaults: policySchema });
export type AlertDetail = z.infer<typeof alertDetail>;
