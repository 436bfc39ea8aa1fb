import { z } from 'zod';
import { ENCOUNTER_TRANSITIONS } from './chart-rules.ts';
import { COLLECTIONS, ENTRY_KINDS, type EntryKind, entryKindSchema } from './entry-kinds.ts';

const uuid = z.uuid('must be an id');
const dateTime = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' });
const reason = z.string().trim().min(3, 'say why (at least 3 characters)').max(500);

export const patientParams = z.object({ patientId: uuid });
export const lookupBody = z.object({ mrn: z.string().trim().min(1, 'is required').max(40) });
export const idParams = z.object({ id: uuid });
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  kind: entryKindSchema.optional(),
  code: z.string().max(40).optional(),
  encounterId: uuid.optional(),
});

/** Audited bookkeeping shared by every versioned chart item. */
const stamped = {
  id: z.string(),
  patientId: z.string(),
  enteredInError: z.boolean(),
  enteredInErrorReason: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
};

const entryBase = z.object({ ...stamped, encounterId: z.string().nullable() });
const entryVariants = (Object.keys(ENTRY_KINDS) as EntryKind[]).map((k) =>
  entryBase.extend({ kind: z.literal(k), data: ENTRY_KINDS[k] }),
);
/** A chart entry as it leaves the server: the per-kind schema is the allow-list of its fields. */
export const entrySchema = z.discriminatedUnion(
  'kind',
  entryVariants as unknown as [(typeof entryVariants)[number], ...(typeof entryVariants)[number][]],
);
export type ChartEntry = z.input<typeof entryBase> & { kind: EntryKind; data: Record<string, unknown> };

export const entryPageSchema = z.object({ items: z.array(entrySchema), total: z.number().int() });

export const createEntryBody = z.object({
  kind: entryKindSchema,
  encounterId: uuid.optional(),
  data: z.record(z.string(), z.unknown()),
});
export const updateEntryBody = z.object({
  version: z.number().int().positive(),
  reason,
  data: z.record(z.string(), z.unknown()),
});
export const enteredInErrorBody = z.object({ version: z.number().int().positive(), reason });

export const encounterStatusSchema = z.enum(
  Object.keys(ENCOUNTER_TRANSITIONS) as ['scheduled', ...(keyof typeof ENCOUNTER_TRANSITIONS)[]],
);
const encounterFields = {
  class: z.enum(['appointment', 'inpatient']),
  type: z.string().trim().min(1, 'is required').max(80),
  startsAt: dateTime,
  providerId: uuid,
  location: z.string().trim().min(1, 'is required').max(120),
  reason: z.string().trim().min(1, 'is required').max(500),
  dischargedAt: dateTime.optional(),
  dischargeDisposition: z.string().trim().max(120).optional(),
  disposition: z.string().trim().max(500).optional(),
  followUp: z.string().trim().max(2000).optional(),
};
export const createEncounterBody = z.object(encounterFields);
export const updateEncounterBody = z.object({
  ...encounterFields,
  version: z.number().int().positive(),
  /** Why the change (the visit's own `reason` is a field of the encounter). */
  changeReason: reason,
});
export const encounterStatusBody = z.object({
  status: encounterStatusSchema,
  version: z.number().int().positive(),
});

export const encounterSchema = z.object({
  ...stamped,
  ...encounterFields,
  /** Empty when the provider is not a user of this system (encounters imported from other systems). */
  providerId: z.string(),
  dischargedAt: z.string().nullable(),
  dischargeDisposition: z.string().nullable(),
  disposition: z.string().nullable(),
  followUp: z.string().nullable(),
  status: encounterStatusSchema,
  allowedTransitions: z.array(encounterStatusSchema),
});
export type Encounter = z.input<typeof encounterSchema>;
export const encounterPageSchema = z.object({ items: z.array(encounterSchema), total: z.number().int() });
export const encounterDetailSchema = z.object({ encounter: encounterSchema, outcomes: z.array(entrySchema) });

export const documentSchema = z.object({
  ...stamped,
  encounterId: z.string().nullable(),
  documentType: z.string(),
  serviceDate: z.string(),
  title: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
});
export type ChartDocument = z.input<typeof documentSchema>;
export const documentPageSchema = z.object({ items: z.array(documentSchema), total: z.number().int() });
export const documentMetaSchema = z.object({
  documentType: z.enum([
    'lab_report',
    'imaging_report',
    'referral',
    'consent',
    'outside_records',
    'id_card',
    'other',
  ]),
  serviceDate: z.iso.date('must be a real date (YYYY-MM-DD)'),
  title: z.string().trim().min(1, 'is required').max(200),
  encounterId: uuid.optional(),
});

export const versionSchema = z.object({
  version: z.number().int(),
  changedFields: z.array(z.string()),
  reason: z.string().nullable(),
  changedBy: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});
export const versionListSchema = z.object({ items: z.array(versionSchema) });

export const bannerSchema = z.object({
  patientId: z.string(),
  mrn: z.string(),
  familyName: z.string(),
  givenName: z.string(),
  birthDate: z.string(),
  sexAtBirth: z.string(),
  allergyStatus: z.enum(['not_asked', 'no_known_allergies', 'has_allergies']),
  /** As on the face sheet (patients' bannerRestriction): any label set, and the nameable ones. */
  restricted: z.boolean(),
  restrictions: z.array(z.string()),
});
export type Banner = z.infer<typeof bannerSchema>;

export const summarySchema = z.object({
  banner: bannerSchema,
  collections: z.object(
    Object.fromEntries(Object.keys(COLLECTIONS).map((c) => [c, z.array(entrySchema)])) as Record<
      keyof typeof COLLECTIONS,
      z.ZodArray<typeof entrySchema>
    >,
  ),
  encounters: z.array(encounterSchema),
  documents: z.array(documentSchema),
});
