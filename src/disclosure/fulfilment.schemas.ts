import { z } from 'zod';
import { REQUESTER_TYPES } from './requester.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD.');

export const buildPacketBody = z.object({ redactions: z.array(z.string().max(200)).max(50).default([]) });

const item = z.object({
  type: z.enum(['encounter', 'entry', 'document']),
  id: z.string(),
  version: z.number().int(),
  kind: z.string(),
  title: z.string(),
  date: z.string(),
  recordType: z.string(),
  encounterId: z.string().nullable(),
  labels: z.array(z.string()),
});

export const packetSchema = z.object({
  packet: z
    .object({
      id: z.string(),
      buildNo: z.number().int(),
      builtAt: z.string(),
      builtBy: z.string(),
      pageCount: z.number().int(),
      mailTo: z.string(),
      redactions: z.array(z.string()),
      manifest: z.array(item.extend({ firstPage: z.number().int() })),
      withheld: z.array(item.extend({ reason: z.string(), rule: z.string() })),
      fees: z.object({
        lines: z.array(z.object({ item: z.string(), amount: z.number() })),
        total: z.number(),
      }),
      qa: z.object({
        status: z.enum(['not-required', 'pending', 'approved', 'rejected']),
        by: z.string().nullable(),
        at: z.string().nullable(),
        note: z.string().nullable(),
      }),
      deliveries: z.array(
        z.object({
          id: z.string(),
          method: z.enum(['secure-link', 'mail']),
          createdAt: z.string(),
          expiresAt: z.string().nullable(),
          maxDownloads: z.number().int().nullable(),
          downloads: z.number().int(),
          oneTimeCode: z.boolean(),
          mailedTo: z.string().nullable(),
          mailedOn: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
});

export const reviewBody = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(1000).nullable().default(null),
});

export const deliveryBody = z.object({
  method: z.enum(['secure-link', 'mail']),
  expiresInDays: z.number().int().optional(),
  maxDownloads: z.number().int().optional(),
  oneTimeCode: z.boolean().default(false),
});

/** The link and one-time code appear in this response only; the server keeps their hashes. */
export const deliverySchema = z.object({
  id: z.string(),
  method: z.enum(['secure-link', 'mail']),
  token: z.string().nullable(),
  code: z.string().nullable(),
  url: z.string().nullable(),
  expiresAt: z.string().nullable(),
  maxDownloads: z.number().int().nullable(),
  mailedTo: z.string().nullable(),
});

export const downloadBody = z.object({
  token: z.string().min(20).max(100),
  code: z.string().max(12).optional(),
});

export const preferenceBody = z.object({
  kind: z.enum(['restriction', 'confidential-communication']),
  description: z.string(),
  requesterTypes: z.array(z.enum(REQUESTER_TYPES)).default([]),
  encounterIds: z.array(z.uuid()).default([]),
  alternateAddress: z.string().max(500).nullable().default(null),
  alternatePhone: z.string().max(40).nullable().default(null),
});

export const preferenceListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string(),
      requesterTypes: z.array(z.string()),
      encounterIds: z.array(z.string()),
      alternateAddress: z.string().nullable(),
      alternatePhone: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

export const accountingRequestBody = z.object({
  receivedOn: isoDate,
  periodFrom: isoDate.nullable().default(null),
});

export const accountingRequestSchema = z.object({
  id: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  periodFrom: z.string(),
  free: z.boolean(),
  fee: z.number(),
  fulfilledOn: z.string().nullable(),
  daysLeft: z.number().int(),
});

export const accessReportQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const accessReportSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      user: z.string(),
      roles: z.array(z.string()),
      action: z.string(),
      outcome: z.string(),
      breakGlass: z.boolean(),
      channel: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const settingsSchema = z.object({
  qaRequired: z.boolean(),
  linkDays: z.number().int(),
  linkMaxDownloads: z.number().int(),
  facilityName: z.string(),
});
