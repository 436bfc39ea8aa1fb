import { z } from 'zod';

const proof = {
  password: z.string().max(200).optional(),
  mfaCode: z.string().trim().max(20).optional(),
};

/** Signing re-confirms identity with the password or an MFA code (the attestation). */
export const signBody = z.object({ ...proof, cosignerUserId: z.uuid('must be an id').optional() });
export const addendumBody = z.object({
  ...proof,
  text: z.string().trim().min(1, 'is required').max(20_000),
});

const signatureSchema = z.object({
  role: z.enum(['author', 'cosigner']),
  signerUserId: z.string(),
  signerName: z.string(),
  signerCredentials: z.string().nullable(),
  attestation: z.enum(['password', 'mfa']),
  contentSha256: z.string(),
  signedAt: z.string(),
});

/** A note's signatures, pending co-signer and addenda (each addendum with its own signature). */
export const noteSignaturesSchema = z.object({
  entryId: z.string(),
  patientId: z.string(),
  signed: z.boolean(),
  cosignerUserId: z.string().nullable(),
  cosigned: z.boolean(),
  signatures: z.array(signatureSchema),
  addenda: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      authorUserId: z.string(),
      createdAt: z.string(),
      signature: signatureSchema.nullable(),
    }),
  ),
});
export type NoteSignatures = z.infer<typeof noteSignaturesSchema>;
