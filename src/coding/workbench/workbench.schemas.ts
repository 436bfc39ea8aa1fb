import { z } from 'zod';
import { findingSchema } from '../coding.schemas.ts';

const isoDate = z.iso.date('must be a real date (YYYY-MM-DD)');
const codeText = z.string().trim().min(1, 'is required').max(10);
export const codingStatusSchema = z.enum(['uncoded', 'coded', 'on_hold', 'final']);
export const codingActionSchema = z.enum(['save', 'hold', 'release', 'finalize', 'reopen']);
const version = z.number().int().min(0);
const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);

export const encounterParams = z.object({ encounterId: z.uuid('must be an id') });

export const diagnosisLineSchema = z.object({
  code: codeText,
  sequence: z.number().int().min(1).max(50),
  poa: z.enum(['Y', 'N', 'U', 'W', '1']).optional(),
});
export const procedureLineSchema = z.object({
  system: z.enum(['icd10pcs', 'cpt', 'hcpcs']),
  code: codeText,
  modifiers: z
    .array(z.string().regex(/^[A-Za-z0-9]{2}$/, 'a modifier is 2 letters or digits'))
    .max(4)
    .default([]),
  units: z.number().int().min(1).max(9999).default(1),
  date: isoDate.optional(),
});
export const drugLineSchema = z.object({
  code: codeText,
  units: z.number().int().min(1).max(9999).default(1),
  date: isoDate.optional(),
});

export const saveCodingBody = z.object({
  /** The version the coder opened (0 when nothing was coded yet): optimistic concurrency. */
  version,
  diagnoses: z.array(diagnosisLineSchema).max(50),
  procedures: z.array(procedureLineSchema).max(50).default([]),
  drugs: z.array(drugLineSchema).max(50).default([]),
  coderNotes: z.string().trim().max(4000).optional(),
});
export const versionBody = z.object({ version });
export const holdBody = z.object({
  version,
  question: z.string().trim().min(10, 'ask the clinician a question (at least 10 characters)').max(2000),
  /** The answers offered (a compliant query offers real choices, including "other" or "undetermined"). */
  options: z.array(z.string().trim().min(1, 'is empty').max(200)).min(2, 'offer at least two answers').max(8),
  dueOn: isoDate,
  /** Who answers; the encounter's provider when not given. */
  addresseeUserId: z.uuid('must be an id').optional(),
});
export const reopenBody = z.object({ version, reason });

export const codingRecordSchema = z.object({
  encounterId: z.string(),
  patientId: z.string(),
  status: codingStatusSchema,
  version: z.number().int(),
  diagnoses: z.array(diagnosisLineSchema),
  procedures: z.array(procedureLineSchema),
  drugs: z.array(drugLineSchema),
  coderNotes: z.string().nullable(),
  holdQuestion: z.string().nullable(),
  edits: z.array(findingSchema),
  editsRunAt: z.string().nullable(),
  codedBy: z.string().nullable(),
  codedAt: z.string().nullable(),
  finalizedBy: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  allowedActions: z.array(codingActionSchema),
});
export type CodingRecord = z.infer<typeof codingRecordSchema>;

const encounterSummary = z.object({
  id: z.string(),
  class: z.enum(['appointment', 'inpatient']),
  type: z.string(),
  location: z.string(),
  reason: z.string(),
  startsAt: z.string(),
  dischargedAt: z.string().nullable(),
  /** The date whose code-set version applies (discharge date for inpatient stays). */
  dateOfService: z.string(),
  provider: z.string().nullable(),
});
const patientSummary = z.object({
  id: z.string(),
  mrn: z.string(),
  name: z.string(),
  birthDate: z.string(),
  sex: z.enum(['F', 'M', 'U']),
  ageYears: z.number().int(),
  payer: z.string().nullable(),
});
const noteSchema = z.object({
  id: z.string(),
  noteType: z.string(),
  title: z.string(),
  text: z.string(),
  status: z.string(),
  createdAt: z.string(),
  /** Set when a sensitivity label hides the item from this actor: title and text are left out. */
  withheld: z.literal(true).optional(),
});
const statedSchema = z.object({
  id: z.string(),
  kind: z.enum(['diagnosis', 'procedure']),
  description: z.string(),
  code: z.string().nullable(),
  /** Set when a sensitivity label hides the item from this actor: description and code are left out. */
  withheld: z.literal(true).optional(),
});
const documentSchema = z.object({
  id: z.string(),
  title: z.string(),
  documentType: z.string(),
  serviceDate: z.string(),
  mediaType: z.string(),
  /** Set when a sensitivity label hides the document from this actor: its title is left out. */
  withheld: z.literal(true).optional(),
});
export const codingScreenSchema = z.object({
  encounter: encounterSummary,
  patient: patientSummary,
  notes: z.array(noteSchema),
  stated: z.array(statedSchema),
  documents: z.array(documentSchema),
  coding: codingRecordSchema,
  /** Display form and title of the codes stored on the encounter. */
  titles: z.array(
    z.object({ system: z.string(), code: z.string(), display: z.string(), description: z.string() }),
  ),
});
export type CodingScreen = z.infer<typeof codingScreenSchema>;

export const queueQuerySchema = z.object({
  status: z.enum(['open', 'uncoded', 'coded', 'on_hold', 'final']).default('open'),
  class: z.enum(['appointment', 'inpatient']).optional(),
  type: z.string().trim().max(80).optional(),
  facility: z.string().trim().max(120).optional(),
  payer: z.string().trim().max(120).optional(),
  minAge: z.coerce.number().int().min(0).max(124).optional(),
  maxAge: z.coerce.number().int().min(0).max(124).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const queueItemSchema = z.object({
  encounterId: z.string(),
  /** False when the actor may not open this patient's record: identity fields are then withheld. */
  accessible: z.boolean(),
  patientId: z.string().nullable(),
  mrn: z.string().nullable(),
  patientName: z.string().nullable(),
  ageYears: z.number().int(),
  class: z.enum(['appointment', 'inpatient']),
  type: z.string(),
  location: z.string(),
  startsAt: z.string(),
  dischargedAt: z.string().nullable(),
  payer: z.string().nullable(),
  /** Every note on the encounter is final (and there is at least one): complete charts are coded first. */
  chartComplete: z.boolean(),
  codingStatus: codingStatusSchema,
});
export const queuePageSchema = z.object({
  items: z.array(queueItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const codingVersionSchema = z.object({
  version: z.number().int(),
  action: z.string(),
  status: codingStatusSchema,
  reason: z.string().nullable(),
  errors: z.number().int(),
  warnings: z.number().int(),
  changedBy: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const codingVersionListSchema = z.object({ items: z.array(codingVersionSchema) });

export const productivityQuerySchema = z.object({ from: isoDate, to: isoDate });
export const productivitySchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      day: z.string(),
      coderId: z.string(),
      coderName: z.string(),
      encountersCoded: z.number().int(),
      encountersFinalized: z.number().int(),
      errorsHit: z.number().int(),
      warningsHit: z.number().int(),
    }),
  ),
});
