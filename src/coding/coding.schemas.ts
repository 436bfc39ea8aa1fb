import { z } from 'zod';
import { CODE_SYSTEMS } from './systems.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
export const codeSystemSchema = z.enum(CODE_SYSTEMS);

export const codeVersionSchema = z.object({
  system: z.string(),
  version: z.string(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  source: z.string(),
  billable: z.number().int(),
  headers: z.number().int(),
  loadedAt: z.string(),
});
export type CodeVersion = z.infer<typeof codeVersionSchema>;
export const codeVersionListSchema = z.object({ versions: z.array(codeVersionSchema) });

/** One code as search, lookup and browse return it. */
export const codeResultSchema = z.object({
  system: z.string(),
  version: z.string(),
  code: z.string(),
  display: z.string(),
  billable: z.boolean(),
  header: z.boolean(),
  shortDescription: z.string(),
  description: z.string(),
  /** The code exists in a version whose validity period covers the date of service asked about. */
  validOnDate: z.boolean(),
  /** For headers: their first billable descendants (search results only). */
  billableChildren: z
    .array(z.object({ code: z.string(), display: z.string(), description: z.string() }))
    .optional(),
});
export type CodeResult = z.infer<typeof codeResultSchema>;

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'type a code or some words').max(200),
  system: codeSystemSchema.default('icd10cm'),
  date: isoDate.optional(),
  version: z.string().max(40).optional(),
  billableOnly: z.coerce.boolean().default(false),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  system: z.string(),
  version: z.string(),
  date: z.string(),
  query: z.string(),
  /** How the query was read: a code prefix, words (after abbreviations were expanded), or similar words. */
  mode: z.enum(['code', 'words', 'similar']),
  expandedTerms: z.array(z.string()),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(codeResultSchema),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const browseQuerySchema = z.object({
  parent: z.string().max(20).optional(),
  date: isoDate.optional(),
  version: z.string().max(40).optional(),
});

export const browseNodeSchema = z.object({
  kind: z.enum(['chapter', 'code']),
  id: z.string(),
  label: z.string(),
  description: z.string(),
  billable: z.boolean(),
  hasChildren: z.boolean(),
});
export const browseResultSchema = z.object({
  version: z.string(),
  parent: z.string().nullable(),
  path: z.array(z.object({ id: z.string(), label: z.string() })),
  nodes: z.array(browseNodeSchema),
});
export type BrowseResult = z.infer<typeof browseResultSchema>;

export const diffQuerySchema = z.object({ from: z.string().max(40), to: z.string().max(40) });
const diffEntrySchema = z.object({
  code: z.string(),
  billable: z.boolean(),
  description: z.string(),
  previousDescription: z.string().optional(),
});
const tallySchema = z.object({
  added: z.number().int(),
  deleted: z.number().int(),
  revised: z.number().int(),
});
export const diffResultSchema = z.object({
  added: z.array(diffEntrySchema),
  deleted: z.array(diffEntrySchema),
  revised: z.array(diffEntrySchema),
  counts: z.object({ codes: tallySchema, headers: tallySchema }),
});

export const importSummarySchema = z.object({
  kind: z.string(),
  version: z.string().nullable(),
  status: z.enum(['loaded', 'replaced', 'unchanged']),
  records: z.number().int(),
  billable: z.number().int(),
  headers: z.number().int(),
});
export const importSampleResultSchema = z.object({ imports: z.array(importSummarySchema) });

const poaSchema = z.enum(['Y', 'N', 'U', 'W', '1']);
export const codedEncounterSchema = z.object({
  dateOfService: isoDate,
  patient: z.object({
    ageYears: z.number().int().min(0).max(124),
    sex: z.enum(['female', 'male', 'unknown']),
  }),
  inpatient: z.boolean().default(false),
  diagnoses: z
    .array(
      z.object({
        code: z.string().min(1).max(10),
        sequence: z.number().int().min(1),
        poa: poaSchema.optional(),
      }),
    )
    .max(50),
  procedures: z
    .array(
      z.object({
        system: z.enum(['icd10pcs', 'hcpcs', 'cpt']),
        code: z.string().min(1).max(10),
        modifiers: z.array(z.string().min(2).max(2)).max(4).default([]),
        units: z.number().int().min(1).max(9999).default(1),
        date: isoDate.optional(),
      }),
    )
    .max(50)
    .default([]),
});
export type CodedEncounter = z.infer<typeof codedEncounterSchema>;

export const findingSchema = z.object({
  edit: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  codes: z.array(z.string()),
  suggestions: z.array(z.string()).optional(),
});
export const editsResultSchema = z.object({ findings: z.array(findingSchema) });
