import { z } from 'zod';

/** Response schemas are the allow-list of what leaves the server. */
export const receiptSchema = z.object({
  submissionId: z.string().uuid(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(
    z.object({ record: z.number().int(), line: z.number().int(), messages: z.array(z.string()) }),
  ),
});

export const sourceSchema = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  facilityId: z.string(),
  npi: z.string().nullable(),
  contact: z.string().nullable(),
  expectedVolume: z.number().int().nullable(),
  revoked: z.boolean(),
  createdAt: z.string(),
});

export const sourceListSchema = z.object({ items: z.array(sourceSchema) });

export const sourceBody = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/, 'letters, digits, - and _ (up to 20)'),
  name: z.string().min(1).max(200),
  facilityId: z.string().min(1).max(10).optional(),
  npi: z
    .string()
    .regex(/^\d{10}$/, '10 digits')
    .optional(),
  contact: z.string().max(200).optional(),
  expectedVolume: z.number().int().nonnegative().optional(),
});

export const sourceCreatedSchema = z.object({ source: sourceSchema, token: z.string() });

export const submissionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      source: z.string(),
      status: z.string(),
      sha256: z.string().nullable(),
      bytes: z.number().int(),
      fileName: z.string().nullable(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      duplicates: z.number().int(),
      refusal: z.string().nullable(),
      receivedAt: z.string(),
    }),
  ),
});

export const idParams = z.object({ id: z.string().uuid() });
export const codeParams = z.object({ code: z.string().min(1) });

export const linkTallySchema = z.object({
  linked: z.number().int(),
  sameNumber: z.number().int(),
  review: z.number().int(),
  newPersons: z.number().int(),
  consolidated: z.number().int(),
});

export const personListSchema = z.object({
  items: z.array(
    z.object({
      personId: z.string().uuid(),
      records: z.array(z.object({ source: z.string(), patientIdNumber: z.string() })),
      tumours: z.number().int(),
    }),
  ),
});

export const statsSchema = z.object({
  sources: z.number().int(),
  submissions: z.number().int(),
  records: z.number().int(),
  persons: z.number().int(),
  tumours: z.number().int(),
  reviewPending: z.number().int(),
});
