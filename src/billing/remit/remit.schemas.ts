import { z } from 'zod';

/** POST /api/billing/remits: the 835 text as uploaded (the web screen reads the file). */
export const remitImportBody = z.object({
  fileName: z.string().min(1).max(200),
  content: z.string().min(3),
});

export const remitTransactionSchema = z.object({
  remitId: z.string().uuid().nullable(),
  controlNumber: z.string(),
  duplicate: z.boolean(),
  traceNumber: z.string(),
  payerName: z.string(),
  paymentDate: z.string().nullable(),
  method: z.string(),
  payment: z.number(),
  claimPayments: z.number(),
  providerAdjustments: z.number(),
  claims: z.number().int(),
  posted: z.number().int(),
  denied: z.number().int(),
  paid: z.number(),
  adjusted: z.number(),
  patientResponsibility: z.number(),
  unmatched: z.array(
    z.object({ patientControlNumber: z.string(), reason: z.string(), lines: z.number().int() }),
  ),
  /** COB: claims whose patient responsibility went to a new secondary claim, to the patient, or was forwarded. */
  secondaryClaims: z.number().int(),
  toPatient: z.number().int(),
  forwarded: z.number().int(),
});

export const remitImportResult = z.object({ transactions: z.array(remitTransactionSchema) });

export const worklistQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

export const worklistSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      remitId: z.string().uuid(),
      claimId: z.string().uuid().nullable(),
      patientControlNumber: z.string(),
      reason: z.string(),
      statusCode: z.string(),
      charge: z.number(),
      paid: z.number(),
      payerName: z.string(),
      traceNumber: z.string(),
      importedAt: z.string(),
      unmatchedLines: z.array(
        z.object({
          seq: z.number().int(),
          billedCode: z.string(),
          billedModifiers: z.array(z.string()),
          paidCode: z.string(),
          charge: z.number(),
          paid: z.number(),
          serviceDate: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const remitListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      fileName: z.string(),
      controlNumber: z.string(),
      traceNumber: z.string(),
      payerName: z.string(),
      method: z.string(),
      payment: z.number(),
      paymentDate: z.string().nullable(),
      providerAdjustment: z.number(),
      claims: z.number().int(),
      matched: z.number().int(),
      importedAt: z.string(),
    }),
  ),
});
