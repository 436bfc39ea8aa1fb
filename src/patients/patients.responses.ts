import { z } from 'zod';

/** Response shapes: the allow-list of what leaves the server (DESIGN invariant 2). */
const contact = z.object({ name: z.string(), relationship: z.string(), phone: z.string().nullable() });

export const addressOut = z.object({
  id: z.string(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  country: z.string(),
  current: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const patientOut = z.object({
  id: z.string(),
  mrn: z.string(),
  status: z.enum(['active', 'merged']),
  mergedInto: z.string().nullable(),
  version: z.number().int(),
  family: z.string(),
  given: z.string(),
  middle: z.string().nullable(),
  suffix: z.string().nullable(),
  birthDate: z.string(),
  sexAtBirth: z.enum(['F', 'M', 'U']),
  genderIdentity: z.string().nullable(),
  /** Never the number itself: ***-**-1234. */
  ssnMasked: z.string().nullable(),
  email: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  race: z.array(z.string()),
  ethnicity: z.string().nullable(),
  maritalStatus: z.string().nullable(),
  dateOfDeath: z.string().nullable(),
  phones: z.array(z.object({ use: z.string(), number: z.string() })),
  emergencyContact: contact.nullable(),
  guarantor: contact.nullable(),
  address: addressOut.nullable(),
  addressHistory: z.array(addressOut),
  otherNames: z.array(z.object({ kind: z.string(), family: z.string(), given: z.string().nullable() })),
  identifiers: z.array(z.object({ id: z.string(), kind: z.string(), system: z.string(), value: z.string() })),
  coverage: z.array(
    z.object({
      id: z.string(),
      priority: z.string(),
      payer: z.string(),
      plan: z.string().nullable(),
      memberId: z.string(),
      groupNumber: z.string().nullable(),
      subscriberName: z.string(),
      relationship: z.string(),
      effectiveFrom: z.string(),
      effectiveTo: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientOut = z.infer<typeof patientOut>;

/**
 * The face sheet as GET returns it, with the banner's restriction (issue 23): whether the record carries
 * any restriction label, and which of the patient-level ones (vip, employee, confidential). Category
 * labels (HIV, Part 2, psychotherapy…) are not named here: the name itself would disclose them.
 */
export const patientReadOut = patientOut.extend({
  restricted: z.boolean(),
  restrictions: z.array(z.string()),
});

export const searchItemOut = z.object({
  id: z.string(),
  mrn: z.string(),
  /** A restricted record shows only that it exists: no name, no birth date (docs/access.md). */
  restricted: z.boolean(),
  status: z.enum(['active', 'merged']),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  sexAtBirth: z.string().nullable(),
  /** Set when the search matched a retired MRN: the record it now resolves to. */
  resolvedFromMrn: z.string().nullable(),
});
export const searchOut = z.object({
  items: z.array(searchItemOut),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});
export type SearchOut = z.infer<typeof searchOut>;

export const searchQuery = z.object({
  name: z.string().trim().max(100).optional(),
  birthDate: z.string().trim().max(10).optional(),
  mrn: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(30).optional(),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
/** SSN search travels in a POST body so the number never appears in a logged URL (DESIGN invariant 5). */
export const searchBody = searchQuery.extend({ ssn: z.string().trim().max(11).optional() });
export type SearchInput = z.infer<typeof searchBody>;

export const fieldComparisonOut = z.object({
  field: z.string(),
  outcome: z.enum(['agree', 'partial', 'disagree', 'missing']),
  /** The comparison level (docs/patients.md); absent on pairs found before issue 17. */
  level: z.string().optional(),
  weight: z.number(),
  reason: z.string(),
});
/** A disagreement that keeps a pair out of "certain" (possible twin, SSN differs, …). */
export const cautionOut = z.object({ code: z.string(), reason: z.string() });
export const candidateOut = z.object({
  patient: searchItemOut,
  score: z.number(),
  band: z.enum(['certain', 'probable', 'possible', 'unlikely']),
  fields: z.array(fieldComparisonOut),
  cautions: z.array(cautionOut),
});
export const candidatesOut = z.object({
  /** The weights that scored: a stored trained version, or null for the starting weights. */
  matcher: z.object({ version: z.number().int().nullable(), maxWeight: z.number() }),
  candidates: z.array(candidateOut),
});

export const versionOut = z.object({
  version: z.number().int(),
  changedAt: z.string(),
  changedBy: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  changedFields: z.array(z.string()),
  snapshot: z.record(z.string(), z.unknown()),
});
export const versionsOut = z.object({ versions: z.array(versionOut) });
