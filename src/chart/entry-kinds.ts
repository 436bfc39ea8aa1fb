import { z } from 'zod';

/**
 * The kinds of clinical entry and the fields each keeps (issue 4, "The clinical record"). One schema per
 * kind validates what is written and, on the way out, is the allow-list of what is returned.
 */
const text = (max = 500) => z.string().trim().min(1, 'is required').max(max);
const optText = (max = 500) => z.string().trim().max(max).optional();
/** Calendar date; zod's ISO date check refuses impossible dates such as 30 February. */
const date = z.iso.date('must be a real date (YYYY-MM-DD)');
const dateTime = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' });
/** ICD-10-CM code shape (CMS ICD-10-CM guidelines I.A.1: letter, two characters, optional dot and up to 4). */
export const icd10cm = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-TV-Z][0-9][0-9AB](\.[0-9A-Z]{1,4})?$/, 'must be an ICD-10-CM code such as E11.9');

const problem = z.object({
  description: text(),
  code: icd10cm.optional(),
  onsetDate: date.optional(),
  resolvedDate: date.optional(),
  status: z.enum(['active', 'resolved', 'inactive']),
});
const surgery = z.object({ procedure: text(), date: date.optional(), note: optText() });
const familyHistory = z.object({ relation: text(80), condition: text(), code: icd10cm.optional() });
const socialHistory = z.object({
  tobacco: z.enum(['never', 'former', 'current', 'unknown']),
  tobaccoDetail: optText(),
  alcohol: z.enum(['none', 'occasional', 'moderate', 'heavy', 'unknown']),
  alcoholDetail: optText(),
});
/** Immunization history (CDC CVX vaccine codes); imported from other systems or recorded at intake. */
const immunization = z.object({
  vaccine: text(200),
  cvxCode: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'must be a CDC CVX code (1 to 3 digits)')
    .optional(),
  date: date.optional(),
  status: z.enum(['completed', 'not_done']),
  note: optText(),
});
/** Chief complaints and concerns are kept in the patient's own words. */
const concern = z.object({ type: z.enum(['chief_complaint', 'concern']), patientWords: text(2000) });
const medication = z.object({
  drug: text(200),
  rxnormCode: z
    .string()
    .trim()
    .regex(/^\d{1,8}$/, 'must be an RxNorm concept id (digits)')
    .optional(),
  dose: text(80),
  route: text(80),
  frequency: text(80),
  startDate: date.optional(),
  stopDate: date.optional(),
  prescriber: optText(200),
  status: z.enum(['active', 'on_hold', 'stopped', 'completed']),
});
/** Medication reconciliation at a visit (The Joint Commission NPSG.03.06.01): who reviewed and when. */
const medReconciliation = z.object({
  note: optText(1000),
  reviewedBy: z.string().optional(),
  reviewedAt: z.string().optional(),
});
const allergy = z.object({
  substance: text(200),
  reaction: optText(),
  /** Optional: many allergies are recorded without a reaction severity (FHIR reaction.severity is 0..1). */
  severity: z.enum(['mild', 'moderate', 'severe']).optional(),
  criticality: z.enum(['low', 'high', 'unable_to_assess']),
  status: z.enum(['active', 'inactive', 'resolved']),
});
/** "No known allergies" is a statement someone made, distinct from never having asked. */
const allergyAssertion = z.object({ assertion: z.literal('no_known_allergies') });
const result = z.object({
  code: text(40),
  name: text(200),
  value: z.number().finite().optional(),
  units: optText(40),
  valueText: optText(1000),
  referenceLow: z.number().finite().optional(),
  referenceHigh: z.number().finite().optional(),
  referenceText: optText(200),
  abnormalFlag: z.enum(['normal', 'low', 'high', 'critical_low', 'critical_high', 'abnormal']).optional(),
  status: z.enum(['preliminary', 'final', 'corrected']),
  performedAt: dateTime,
  reportedAt: dateTime.optional(),
});
/** Diagnoses as the clinician stated them at the visit; coders assign the final codes later. */
const diagnosis = z.object({
  description: text(),
  provisionalCode: icd10cm.optional(),
  primary: z.boolean(),
});
const procedure = z.object({ description: text(), code: optText(20), performedAt: dateTime.optional() });
const order = z.object({
  test: text(200),
  code: optText(40),
  status: z.enum(['ordered', 'performed', 'cancelled']),
});
export const NOTE_TYPES = [
  'history_and_physical',
  'progress_note',
  'consultation',
  'operative_report',
  'discharge_summary',
  'procedure_note',
  'other',
] as const;
const note = z.object({
  noteType: z.enum(NOTE_TYPES),
  title: text(200),
  text: text(100_000),
  status: z.enum(['draft', 'final']),
});

export const ENTRY_KINDS = {
  problem,
  surgery,
  family_history: familyHistory,
  social_history: socialHistory,
  concern,
  immunization,
  medication,
  med_reconciliation: medReconciliation,
  allergy,
  allergy_assertion: allergyAssertion,
  result,
  diagnosis,
  procedure,
  order,
  note,
} as const;
export type EntryKind = keyof typeof ENTRY_KINDS;
export const entryKindSchema = z.enum(Object.keys(ENTRY_KINDS) as [EntryKind, ...EntryKind[]]);
export type EntryData<K extends EntryKind> = z.infer<(typeof ENTRY_KINDS)[K]>;

/** The chart's collections as the API names them, and which kinds each holds. */
export const COLLECTIONS = {
  history: ['problem', 'surgery', 'family_history', 'social_history', 'concern', 'immunization'],
  medications: ['medication', 'med_reconciliation'],
  allergies: ['allergy', 'allergy_assertion'],
  results: ['result'],
  diagnoses: ['diagnosis'],
  procedures: ['procedure'],
  orders: ['order'],
  notes: ['note'],
} as const satisfies Record<string, readonly EntryKind[]>;
export type Collection = keyof typeof COLLECTIONS;

/** Kinds that only exist as an outcome of a visit. */
export const ENCOUNTER_KINDS: ReadonlySet<EntryKind> = new Set(['diagnosis', 'procedure', 'order']);
