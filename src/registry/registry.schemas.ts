import { z } from 'zod';

export const idParams = z.object({ id: z.uuid('must be a tumour id') });
const items = z.record(z.string(), z.string());

export const tumourSchema = z.object({
  id: z.string(),
  patientId: z.string().nullable(),
  patientIdNumber: z.string(),
  tumorRecordNumber: z.string(),
  dictionaryVersion: z.string(),
  status: z.enum(['abstracting', 'complete']),
  /** Patient-level NAACCR items keyed by XML id (naaccrId). */
  patientItems: items,
  /** Tumor-level NAACCR items keyed by XML id (naaccrId). */
  items,
  version: z.number().int(),
  updatedAt: z.string(),
});

export const tumourDetailSchema = tumourSchema.extend({
  history: z.array(
    z.object({
      version: z.number().int(),
      changedItems: z.array(z.string()),
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
});

export const tumourListQuery = z.object({
  patientId: z.uuid().optional(),
  diagnosisYear: z.coerce.number().int().min(1850).max(2100).optional(),
  status: z.enum(['abstracting', 'complete']).optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const tumourListSchema = z.object({
  total: z.number().int(),
  items: z.array(tumourSchema),
  next: z.string().nullable(),
});

export const exportQuery = z.object({
  version: z.enum(['25', '26', '250', '260']),
  recordType: z.enum(['A', 'I']),
  diagnosisYear: z.coerce.number().int().min(1850).max(2100).optional(),
});
