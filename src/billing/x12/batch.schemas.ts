import { z } from 'zod';

export const batchBody = z.object({
  /** Only this payer's claims (X12 payer id); without it, every ready claim. */
  payerId: z.string().min(2).max(80).optional(),
  /** ISA15: P production (default) or T test. */
  usage: z.enum(['P', 'T']).default('P'),
});

const batchFileSchema = z.object({
  batchId: z.string().uuid(),
  file: z.string(),
  payerId: z.string(),
  type: z.enum(['P', 'I']),
  interchangeControlNumber: z.number().int(),
  claims: z.number().int(),
  charge: z.number(),
});

export const batchResultSchema = z.object({ files: z.array(batchFileSchema), claims: z.number().int() });

export const batchListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      interchangeControlNumber: z.number().int(),
      payerId: z.string(),
      type: z.enum(['P', 'I']),
      file: z.string(),
      claims: z.number().int(),
      charge: z.number(),
      createdBy: z.string(),
      createdAt: z.string(),
    }),
  ),
});

export const previewSchema = z.object({ x12: z.string() });
export const batchIdParams = z.object({ id: z.string().uuid('Not a batch id.') });
export const claimIdParams = z.object({ id: z.string().uuid('Not a claim id.') });
