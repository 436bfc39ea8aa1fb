import { z } from 'zod';
import type { FieldIssue } from '../kernel/errors.ts';
import { birthDateProblem, isCalendarDate, pastDateIssue, phoneProblem, ssnProblem } from './validation.ts';

/** OMB Statistical Policy Directive 15 (1997) minimum race categories, plus "declined". */
export const RACES = [
  'american_indian_or_alaska_native',
  'asian',
  'black_or_african_american',
  'native_hawaiian_or_other_pacific_islander',
  'white',
  'declined',
] as const;
export const ETHNICITIES = ['hispanic_or_latino', 'not_hispanic_or_latino', 'declined'] as const;
export const MARITAL = [
  'single',
  'married',
  'domestic_partner',
  'divorced',
  'separated',
  'widowed',
  'unknown',
] as const;
export const IDENTIFIER_KINDS = ['other_mrn', 'member_id', 'drivers_license', 'passport', 'other'] as const;

const text = (max = 100) => z.string().trim().min(1, 'Required.').max(max);
const optText = (max = 100) => z.string().trim().max(max).nullish();
const date = z.string().refine(isCalendarDate, 'Enter a real date as YYYY-MM-DD.');

export const phoneInput = z.object({
  use: z.enum(['home', 'mobile', 'work']),
  number: z.string().superRefine((v, c) => {
    const p = phoneProblem(v);
    if (p) c.addIssue({ code: 'custom', message: p });
  }),
});
export const contactInput = z.object({ name: text(), relationship: text(40), phone: optText(30) });
export const addressInput = z.object({
  line1: text(120),
  line2: optText(120),
  city: text(60),
  state: text(40),
  postalCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{3,10}$/, 'Enter the postal code, e.g. 02139.'),
  country: z.string().trim().length(2).default('US'),
});
export const otherNameInput = z.object({
  kind: z.enum(['maiden', 'alias', 'previous']),
  family: text(),
  given: optText(),
});
export const identifierInput = z.object({
  kind: z.enum(IDENTIFIER_KINDS),
  system: text(80),
  value: text(60),
});
export const coverageInput = z.object({
  priority: z.enum(['primary', 'secondary', 'tertiary']),
  payer: text(120),
  plan: optText(120),
  memberId: text(40),
  groupNumber: optText(40),
  subscriberName: text(),
  relationship: z.enum(['self', 'spouse', 'child', 'other']),
  effectiveFrom: date,
  effectiveTo: date.nullish(),
});
export type CoverageInput = z.infer<typeof coverageInput>;

/** Demographics shared by registration and update. */
export const demographicsInput = z.object({
  family: text(),
  given: text(),
  middle: optText(),
  suffix: optText(20),
  birthDate: z.string(),
  sexAtBirth: z.enum(['F', 'M', 'U']),
  genderIdentity: optText(60),
  ssn: z
    .string()
    .nullish()
    .superRefine((v, c) => {
      const p = v ? ssnProblem(v) : null;
      if (p) c.addIssue({ code: 'custom', message: p });
    }),
  email: z.string().trim().email('Enter an email address like name@example.org.').nullish(),
  preferredLanguage: optText(40),
  race: z.array(z.enum(RACES)).default([]),
  ethnicity: z.enum(ETHNICITIES).nullish(),
  maritalStatus: z.enum(MARITAL).nullish(),
  dateOfDeath: z.string().nullish(),
  phones: z.array(phoneInput).max(5).default([]),
  address: addressInput.nullish(),
  emergencyContact: contactInput.nullish(),
  guarantor: contactInput.nullish(),
});

export const registerInput = demographicsInput.extend({
  otherNames: z.array(otherNameInput).max(10).default([]),
  identifiers: z.array(identifierInput).max(10).default([]),
  coverage: z.array(coverageInput).max(3).default([]),
  /** "This patient is a member of staff" (issue 23): the user whose own record this is. */
  staffMember: z
    .object({
      userId: z.string().uuid('Choose the member of staff from the list.'),
      reason: z.string().trim().max(1000, 'Keep the reason under 1000 characters.').optional(),
    })
    .optional(),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const updateInput = demographicsInput.extend({
  version: z.number().int().positive(),
  reason: text(500),
  addOtherNames: z.array(otherNameInput).max(10).default([]),
  addIdentifiers: z.array(identifierInput).max(10).default([]),
  addCoverage: z.array(coverageInput).max(3).default([]),
  /** Coverage that ended (the card expired, the patient changed plans): kept, with its end date. */
  endCoverage: z
    .array(z.object({ id: z.string().uuid('Not a coverage id.'), effectiveTo: date }))
    .max(5)
    .default([]),
  /** Coverage captured by mistake: marked entered in error, never deleted. */
  coverageInError: z.array(z.string().uuid('Not a coverage id.')).max(5).default([]),
});
export type UpdateInput = z.infer<typeof updateInput>;

/**
 * Parses a registration or update body and applies the date rules that need "today", returning every
 * field at fault at once (issue 4, bad input: one coded error listing every field).
 */
export function parseWithDates<S extends typeof registerInput | typeof updateInput>(
  schema: S,
  raw: unknown,
  today: string,
): { ok: true; value: z.infer<S> } | { ok: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(raw);
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const body = (raw ?? {}) as Record<string, unknown>;
  if (typeof body.birthDate === 'string') {
    const p = birthDateProblem(body.birthDate, today);
    if (p) issues.push({ field: 'birthDate', message: p });
  }
  if (typeof body.dateOfDeath === 'string') {
    issues.push(...pastDateIssue('dateOfDeath', body.dateOfDeath, today));
    if (typeof body.birthDate === 'string' && body.dateOfDeath && body.dateOfDeath < body.birthDate)
      issues.push({ field: 'dateOfDeath', message: 'The date of death is before the date of birth.' });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, value: parsed.data as z.infer<S> };
}

export const idParams = z.object({ id: z.string().uuid('Not a patient id.') });

/** What the registration preview sends to look for existing records (only what the clerk has typed). */
export const matchInput = z.object({
  family: text(),
  given: text(),
  middle: optText(),
  birthDate: z.string().refine(isCalendarDate, 'Enter a real date as YYYY-MM-DD.'),
  sexAtBirth: z.enum(['F', 'M', 'U']).default('U'),
  ssn: z.string().nullish(),
  phones: z
    .array(z.object({ number: z.string() }))
    .max(5)
    .default([]),
  address: z.object({ line1: z.string(), postalCode: z.string() }).partial().nullish(),
  otherNames: z
    .array(z.object({ family: z.string() }))
    .max(10)
    .default([]),
  /** Insurance member ids from the card(s) the patient presents. */
  memberIds: z.array(z.string().max(40)).max(5).default([]),
});
export type MatchInput = z.infer<typeof matchInput>;
