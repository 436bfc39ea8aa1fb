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

/** One edit finding: id, severity, message and the items it looked at by number (issue 14 "Edits"). */
export const editFindingSchema = z.object({
  id: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  items: z.array(z.object({ naaccrNum: z.number().int(), naaccrId: z.string() })),
});

const mpRule = z.enum(['MP00', 'MP01', 'MP02', 'MP03', 'MP04', 'MP05', 'MP06', 'MP07', 'MP08', 'MP09']);
const mpDecision = z.enum(['new_primary', 'same_primary', 'review', 'undetermined']);

/** The multiple-primary rules' decision (MP00–MP09, docs/registry.md) and the registrar's overruling. */
export const primaryDecisionSchema = z.object({
  computed: z.object({
    rule: mpRule,
    decision: mpDecision,
    sameAs: z.string().nullable(),
    reason: z.string(),
    comparisons: z.array(
      z.object({ tumourId: z.string(), rule: mpRule, decision: mpDecision, reason: z.string() }),
    ),
  }),
  override: z
    .object({
      decision: z.enum(['new_primary', 'same_primary']),
      sameAs: z.string().nullable(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    })
    .nullable(),
});

export const primaryOverruleBody = z.object({
  version: z.number().int().min(1),
  decision: z.enum(['new_primary', 'same_primary']),
  sameAs: z.uuid('must be a tumour id').optional(),
  reason: z
    .string()
    .trim()
    .min(3, 'give the reason for overruling the rules (at least 3 characters)')
    .max(500),
});

export const tumourDetailSchema = tumourSchema.extend({
  edits: z.array(editFindingSchema),
  primaryDecision: primaryDecisionSchema.nullable(),
  lastContact: z
    .object({
      contactDate: z.string(),
      vitalStatus: z.enum(['0', '1']),
      sourceKind: z.string(),
      sourceId: z.string().nullable(),
      followUpSource: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    })
    .nullable(),
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

const suspenseStatus = z.enum(['open', 'accepted', 'not_reportable', 'merged']);
export const suspenseSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  sourceKind: z.enum(['encounter_code', 'problem', 'pathology', 'hl7_oru']),
  sourceId: z.string(),
  reason: z.string(),
  code: z.string().nullable(),
  sourceDate: z.string().nullable(),
  excerpt: z.string().nullable(),
  foundAt: z.string(),
  status: suspenseStatus,
  tumourId: z.string().nullable(),
  resolutionReason: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export const suspenseListQuery = z.object({
  status: suspenseStatus.optional(),
  patientId: z.uuid().optional(),
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const suspenseListSchema = z.object({
  items: z.array(suspenseSchema),
  total: z.number().int(),
  next: z.string().nullable(),
});
export const notReportableBody = z.object({ reason: z.string().trim().min(3).max(500) });
export const mergeBody = z.object({ tumourId: z.uuid() });
export const casefindBody = z.object({ since: z.iso.date().optional() });
export const casefindSchema = z.object({
  runId: z.string(),
  screened: z.number().int(),
  hits: z.number().int(),
  new: z.number().int(),
  resumed: z.boolean(),
});
export const ruleSchema = z.object({
  id: z.string(),
  codeSystem: z.enum(['icd10cm', 'icdo3_behavior', 'icdo3_site']),
  from: z.string(),
  to: z.string(),
  action: z.enum(['include', 'exclude']),
  fromYear: z.number().int(),
  toYear: z.number().int().nullable(),
  note: z.string(),
});
export const ruleBody = ruleSchema.omit({ id: true }).extend({
  from: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9.]{1,8}$/),
  to: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9.]{1,8}$/),
  fromYear: z.number().int().min(1900).max(2100),
  toYear: z.number().int().min(1900).max(2100).nullable(),
  note: z.string().trim().min(1).max(300),
});

const itemChanges = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, 'must be a NAACCR XML id'),
    z.string().max(4000).nullable(),
  )
  .optional();
/** A change to an abstract: NAACCR items by XML id (blank or null removes), with the version edited. */
export const abstractSaveBody = z.object({
  version: z.number().int().min(1),
  items: itemChanges,
  patientItems: itemChanges,
});

export const completeBody = z.object({ version: z.number().int().min(1) });
const itemValues = z.record(z.string().max(64), z.string().max(4000));
/** Items being typed, checked without saving (the abstract screen's live edits). */
export const checkBody = z.object({
  dictionaryVersion: z.enum(['240', '250', '260']),
  items: itemValues.default({}),
  patientItems: itemValues.default({}),
});
export const checkSchema = z.object({
  problems: z.array(
    z.object({ naaccrId: z.string(), naaccrNum: z.number().int().nullable(), message: z.string() }),
  ),
  edits: z.array(editFindingSchema),
});

/* Follow-up (issue 14 "Follow-up"). */
const isoDate = z.iso.date('must be a date (YYYY-MM-DD)');
export const registryPatientParams = z.object({ id: z.uuid('must be a registry patient id') });
export const followupDueQuery = z.object({
  asOf: isoDate.optional(),
  withinDays: z.coerce.number().int().min(0).max(366).default(0),
  state: z.enum(['due', 'upcoming', 'lost']).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const dueItemSchema = z.object({
  registryPatientId: z.string(),
  patientId: z.string().nullable(),
  patientIdNumber: z.string(),
  nameLast: z.string().nullable(),
  nameFirst: z.string().nullable(),
  dateOfLastContact: z.string().nullable(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  monthsSinceContact: z.number().int(),
  state: z.enum(['due', 'upcoming', 'lost']),
  lastLetterAt: z.string().nullable(),
  tumours: z.array(
    z.object({ tumourId: z.string(), primarySite: z.string().nullable(), dateOfDiagnosis: z.string() }),
  ),
});
export const dueListSchema = z.object({
  asOf: z.string(),
  total: z.number().int(),
  due: z.number().int(),
  lost: z.number().int(),
  items: z.array(dueItemSchema),
});
const rateSchema = z.object({
  eligible: z.number().int(),
  deadOrAged: z.number().int(),
  current: z.number().int(),
  lost: z.number().int(),
  rate: z.number().nullable(),
  lostCases: z.array(
    z.object({ tumourId: z.string(), patientIdNumber: z.string(), dateOfLastContact: z.string().nullable() }),
  ),
});
export const followupRateSchema = z.object({ asOf: z.string(), all: rateSchema, lastFiveYears: rateSchema });
export const contactBody = z
  .object({
    contactDate: isoDate,
    /** #1760 Vital Status. */
    vitalStatus: z.enum(['0', '1'], 'vital status is 0 (dead) or 1 (alive)'),
    /** #1770 Cancer Status. */
    cancerStatus: z
      .enum(['1', '2', '9'], 'cancer status is 1 (no evidence), 2 (evidence) or 9 (unknown)')
      .optional(),
    /** #1790 Follow-Up Source. */
    followUpSource: z.enum(['0', '1', '2', '3', '4', '5', '7', '8', '9'], 'follow-up source is a #1790 code'),
    /** #1910 Cause of Death: ICD-10 without the dot, 7777 (certificate not available) or 7797 (not coded). */
    causeOfDeath: z
      .string()
      .trim()
      .toUpperCase()
      .regex(
        /^([A-Z]\d{2,3}|7777|7797)$/,
        'cause of death is an ICD-10 code without the dot (e.g. C349), 7777 or 7797',
      )
      .optional(),
    sourceKind: z.enum(['letter_reply', 'phone', 'chart_review', 'other']),
    letterId: z.uuid().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((c) => c.vitalStatus === '1' || c.causeOfDeath, {
    path: ['causeOfDeath'],
    message:
      'give the cause of death (ICD-10, e.g. C349), or 7777 when the death certificate is not available',
  });
export const contactSchema = z.object({
  id: z.string(),
  registryPatientId: z.string(),
  contactDate: z.string(),
  vitalStatus: z.enum(['0', '1']),
  cancerStatus: z.string().nullable(),
  followUpSource: z.string(),
  causeOfDeath: z.string().nullable(),
  sourceKind: z.string(),
  letterId: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const contactResultSchema = z.object({
  contact: contactSchema,
  applied: z.boolean(),
  dateOfLastContact: z.string().nullable(),
  vitalStatus: z.string().nullable(),
});
export const contactHistorySchema = z.object({ items: z.array(contactSchema) });
export const letterBatchBody = z.object({
  recipient: z.enum(['patient', 'physician'], 'letters go to the patient or the physician'),
  registryPatientIds: z.array(z.uuid()).max(500).optional(),
});
export const letterBatchSchema = z.object({
  batchId: z.string(),
  recipient: z.enum(['patient', 'physician']),
  letters: z.array(z.object({ letterId: z.string(), registryPatientId: z.string(), dueDate: z.string() })),
});
export const batchParams = z.object({ batchId: z.uuid('must be a letter batch id') });

export const passiveResultSchema = z.object({
  screened: z.number().int(),
  updated: z.number().int(),
  deaths: z.number().int(),
});

export const dashboardSchema = z.object({
  total: z.number().int(),
  siteRecodeLoaded: z.boolean(),
  bySite: z.array(
    z.object({ recode: z.string(), name: z.string(), group: z.string(), count: z.number().int() }),
  ),
  byYear: z.array(z.object({ year: z.string(), count: z.number().int() })),
  byStage: z.array(z.object({ code: z.string(), label: z.string(), count: z.number().int() })),
});
