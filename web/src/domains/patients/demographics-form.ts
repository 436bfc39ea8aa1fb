import type { FormValidateInput } from '@mantine/form';
import { birthDateProblem, phoneProblem, ssnProblem } from '@server/patients/validation.ts';
import type { Patient } from './patients.api.ts';

/**
 * The registration and edit forms share one set of values, validators and body builders, so a rule
 * (e.g. "no future date of birth") can never differ between creating and correcting a record. The same
 * rule functions run on the server (src/patients/validation.ts).
 */
export interface OtherNameValue {
  kind: string;
  family: string;
  given: string;
}
export interface IdentifierValue {
  kind: string;
  system: string;
  value: string;
}
export interface CoverageValue {
  priority: string;
  payer: string;
  plan: string;
  memberId: string;
  groupNumber: string;
  subscriberName: string;
  relationship: string;
  effectiveFrom: string;
  effectiveTo: string;
}

export const emptyDemographics = {
  family: '',
  given: '',
  middle: '',
  suffix: '',
  birthDate: '',
  sexAtBirth: '',
  genderIdentity: '',
  ssn: '',
  dateOfDeath: '',
  homePhone: '',
  mobilePhone: '',
  email: '',
  preferredLanguage: '',
  race: [] as string[],
  ethnicity: '',
  maritalStatus: '',
  line1: '',
  line2: '',
  city: '',
  state: '',
  postalCode: '',
  emergencyName: '',
  emergencyRelationship: '',
  emergencyPhone: '',
  guarantorName: '',
  guarantorRelationship: '',
  guarantorPhone: '',
  otherNames: [] as OtherNameValue[],
  identifiers: [] as IdentifierValue[],
  coverage: [] as CoverageValue[],
};
export type DemographicsValues = typeof emptyDemographics;

export const today = (): string => new Date().toISOString().slice(0, 10);
const required = (label: string) => (v: string) => (v.trim() ? null : `Enter the ${label}.`);
const optionalPhone = (v: string) => (v ? phoneProblem(v) : null);
const isoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

export const newCoverage = (v: DemographicsValues, priority: string): CoverageValue => ({
  priority,
  payer: '',
  plan: '',
  memberId: '',
  groupNumber: '',
  subscriberName: [v.given, v.family].filter(Boolean).join(' '),
  relationship: 'self',
  effectiveFrom: today(),
  effectiveTo: '',
});

/** Validation as you type; the messages say what to do. */
export const demographicsRules: FormValidateInput<DemographicsValues> = {
  family: required('family name'),
  given: required('given name'),
  birthDate: (v) => birthDateProblem(v, today()),
  sexAtBirth: (v) => (v ? null : 'Choose the sex assigned at birth.'),
  ssn: (v) => (v ? ssnProblem(v) : null),
  dateOfDeath: (v, all) =>
    !v
      ? null
      : !isoDate(v)
        ? 'Enter the date as YYYY-MM-DD.'
        : v > today()
          ? 'The date of death cannot be in the future.'
          : all.birthDate && v < all.birthDate
            ? 'The date of death is before the date of birth.'
            : null,
  homePhone: optionalPhone,
  mobilePhone: optionalPhone,
  emergencyPhone: optionalPhone,
  guarantorPhone: optionalPhone,
  email: (v) =>
    !v || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? null : 'Enter an email address like name@example.org.',
  line1: (v, all) => (!v && (all.city || all.postalCode) ? 'Enter the street address.' : null),
  city: (v, all) => (all.line1 && !v.trim() ? 'Enter the city.' : null),
  state: (v, all) => (all.line1 && !v.trim() ? 'Enter the state.' : null),
  postalCode: (v, all) =>
    all.line1 && !/^[A-Za-z0-9 -]{3,10}$/.test(v.trim()) ? 'Enter the postal code, e.g. 02139.' : null,
  emergencyRelationship: (v, all) =>
    all.emergencyName && !v.trim() ? 'Say how the contact is related to the patient.' : null,
  guarantorRelationship: (v, all) =>
    all.guarantorName && !v.trim() ? 'Say how the guarantor is related to the patient.' : null,
  otherNames: { family: required('family name') },
  identifiers: { system: required('issuing system'), value: required('identifier') },
  coverage: {
    payer: required('payer'),
    memberId: required('member id from the insurance card'),
    subscriberName: required('subscriber name'),
    effectiveFrom: (v) => (isoDate(v) ? null : 'Enter the start date as YYYY-MM-DD.'),
    effectiveTo: (v, all, path) => {
      if (!v) return null;
      if (!isoDate(v)) return 'Enter the end date as YYYY-MM-DD.';
      const from = all.coverage[Number(path.split('.')[1])]?.effectiveFrom ?? '';
      return v < from ? 'The end date is before the start date.' : null;
    },
  },
};

const orNull = (v: string) => (v.trim() ? v.trim() : null);
const contact = (name: string, relationship: string, phone: string) =>
  name.trim() ? { name: name.trim(), relationship: relationship.trim(), phone: orNull(phone) } : null;

/** The demographics part of a registration or update body (empty optional fields left out). */
export function demographicsBody(v: DemographicsValues) {
  return {
    family: v.family,
    given: v.given,
    middle: orNull(v.middle),
    suffix: orNull(v.suffix),
    birthDate: v.birthDate,
    sexAtBirth: v.sexAtBirth,
    genderIdentity: orNull(v.genderIdentity),
    ssn: orNull(v.ssn),
    dateOfDeath: orNull(v.dateOfDeath),
    email: orNull(v.email),
    preferredLanguage: orNull(v.preferredLanguage),
    race: v.race,
    ethnicity: orNull(v.ethnicity),
    maritalStatus: orNull(v.maritalStatus),
    phones: [
      ...(v.homePhone ? [{ use: 'home', number: v.homePhone }] : []),
      ...(v.mobilePhone ? [{ use: 'mobile', number: v.mobilePhone }] : []),
    ],
    address: v.line1
      ? { line1: v.line1, line2: orNull(v.line2), city: v.city, state: v.state, postalCode: v.postalCode }
      : null,
    emergencyContact: contact(v.emergencyName, v.emergencyRelationship, v.emergencyPhone),
    guarantor: contact(v.guarantorName, v.guarantorRelationship, v.guarantorPhone),
  };
}

export const otherNamesBody = (v: DemographicsValues) =>
  v.otherNames.map((n) => ({ kind: n.kind, family: n.family, given: orNull(n.given) }));
export const coverageBody = (v: DemographicsValues) =>
  v.coverage.map((c) => ({
    priority: c.priority,
    payer: c.payer,
    plan: orNull(c.plan),
    memberId: c.memberId,
    groupNumber: orNull(c.groupNumber),
    subscriberName: c.subscriberName,
    relationship: c.relationship,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: orNull(c.effectiveTo),
  }));

/** Form values from a stored record (the SSN is never sent back: blank keeps the stored one). */
export function valuesFromPatient(p: Patient): DemographicsValues {
  const phone = (use: string) => p.phones.find((x) => x.use === use)?.number ?? '';
  const a = p.address;
  return {
    ...emptyDemographics,
    family: p.family,
    given: p.given,
    middle: p.middle ?? '',
    suffix: p.suffix ?? '',
    birthDate: p.birthDate,
    sexAtBirth: p.sexAtBirth,
    genderIdentity: p.genderIdentity ?? '',
    dateOfDeath: p.dateOfDeath ?? '',
    homePhone: phone('home'),
    mobilePhone: phone('mobile'),
    email: p.email ?? '',
    preferredLanguage: p.preferredLanguage ?? '',
    race: p.race,
    ethnicity: p.ethnicity ?? '',
    maritalStatus: p.maritalStatus ?? '',
    line1: a?.line1 ?? '',
    line2: a?.line2 ?? '',
    city: a?.city ?? '',
    state: a?.state ?? '',
    postalCode: a?.postalCode ?? '',
    emergencyName: p.emergencyContact?.name ?? '',
    emergencyRelationship: p.emergencyContact?.relationship ?? '',
    emergencyPhone: p.emergencyContact?.phone ?? '',
    guarantorName: p.guarantor?.name ?? '',
    guarantorRelationship: p.guarantor?.relationship ?? '',
    guarantorPhone: p.guarantor?.phone ?? '',
  };
}

/** Server field paths ("address.postalCode", "coverage.0.memberId") mapped onto form fields. */
export function formErrorsFrom(issues: { field: string; message: string }[]): Record<string, string> {
  const map: Record<string, string> = {
    'address.line1': 'line1',
    'address.city': 'city',
    'address.state': 'state',
    'address.postalCode': 'postalCode',
    'phones.0.number': 'homePhone',
    'emergencyContact.relationship': 'emergencyRelationship',
    'guarantor.relationship': 'guarantorRelationship',
  };
  return Object.fromEntries(issues.map((i) => [map[i.field] ?? i.field, i.message]));
}
