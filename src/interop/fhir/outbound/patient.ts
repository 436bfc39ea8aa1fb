import type { Address, ContactPoint, Extension, HumanName, Identifier, Patient } from '@medplum/fhirtypes';
import type { PatientOut } from '../../../patients/index.ts';
import { codeable, compact, metaOf, SYSTEMS, securityFor, US_CORE } from './common.ts';

/** OMB race categories (CDC Race & Ethnicity code set, urn:oid:2.16.840.1.113883.6.238). */
export const OMB_RACE: Record<string, { code: string; display: string }> = {
  american_indian_or_alaska_native: { code: '1002-5', display: 'American Indian or Alaska Native' },
  asian: { code: '2028-9', display: 'Asian' },
  black_or_african_american: { code: '2054-5', display: 'Black or African American' },
  native_hawaiian_or_other_pacific_islander: {
    code: '2076-8',
    display: 'Native Hawaiian or Other Pacific Islander',
  },
  white: { code: '2106-3', display: 'White' },
};
export const OMB_ETHNICITY: Record<string, { code: string; display: string }> = {
  hispanic_or_latino: { code: '2135-2', display: 'Hispanic or Latino' },
  not_hispanic_or_latino: { code: '2186-5', display: 'Not Hispanic or Latino' },
};

/** v3 MaritalStatus codes; "unknown" is the NullFlavor UNK (R4 valueset-marital-status). */
export const MARITAL_CODES: Record<string, string> = {
  single: 'S',
  married: 'M',
  domestic_partner: 'T',
  divorced: 'D',
  separated: 'L',
  widowed: 'W',
};

/** Our identifier kinds → v2 table 0203 identifier type codes. */
export const IDENTIFIER_TYPES: Record<string, string | undefined> = {
  other_mrn: 'MR',
  member_id: 'MB',
  drivers_license: 'DL',
  passport: 'PPN',
};

const NAME_USE: Record<string, HumanName['use']> = { maiden: 'maiden', previous: 'old', alias: 'nickname' };
const GENDER: Record<string, Patient['gender']> = { F: 'female', M: 'male', U: 'unknown' };

/** Declined → US Core "asked but unknown" (NullFlavor ASKU), as the race/ethnicity extensions allow. */
const asku = { system: SYSTEMS.nullFlavor, code: 'ASKU', display: 'Asked but no answer' };

/** us-core-race: ombCategory codings plus the required text (US Core 3.1.1 StructureDefinition-us-core-race). */
export function raceExtension(race: readonly string[]): Extension | undefined {
  if (race.length === 0) return undefined;
  const codings = race.map((r) => (r === 'declined' ? asku : { system: SYSTEMS.omb, ...OMB_RACE[r] }));
  const text = codings.map((c) => c.display).join(', ');
  return {
    url: US_CORE.race,
    extension: [
      ...codings.map((c) => ({ url: 'ombCategory', valueCoding: c })),
      { url: 'text', valueString: text },
    ],
  };
}

export function ethnicityExtension(ethnicity: string | null): Extension | undefined {
  if (!ethnicity) return undefined;
  const c = ethnicity === 'declined' ? asku : { system: SYSTEMS.omb, ...OMB_ETHNICITY[ethnicity] };
  return {
    url: US_CORE.ethnicity,
    extension: [
      { url: 'ombCategory', valueCoding: c },
      { url: 'text', valueString: c.display ?? ethnicity },
    ],
  };
}

/** us-core-birthsex takes F, M or UNK (US Core birthsex value set). */
export const birthSexExtension = (sex: string): Extension => ({
  url: US_CORE.birthsex,
  valueCode: sex === 'U' ? 'UNK' : sex,
});

/**
 * The MRN first (type MR, our namespace), then the external identifiers with their issuing system. The SSN
 * is never exported: the face sheet itself only holds it masked (DESIGN invariant 6).
 */
function identifiers(p: PatientOut): Identifier[] {
  const mrn: Identifier = {
    use: 'usual',
    type: codeable(SYSTEMS.v2_0203, 'MR', 'Medical record number'),
    system: SYSTEMS.mrn,
    value: p.mrn,
  };
  return [
    mrn,
    ...p.identifiers.map((i) => {
      const type = IDENTIFIER_TYPES[i.kind];
      return compact<Identifier>({
        type: type ? codeable(SYSTEMS.v2_0203, type) : { text: i.kind },
        system: identifierSystem(i.system),
        value: i.value,
      });
    }),
  ];
}

/** Identifier.system must be a URI (R4 datatypes.html#Identifier); a free-text issuer becomes a URN. */
export function identifierSystem(system: string): string {
  if (/^(https?:|urn:)/i.test(system)) return system;
  return `urn:chartkeeper:issuer:${encodeURIComponent(system.trim().toLowerCase())}`;
}

function names(p: PatientOut): HumanName[] {
  const official = compact<HumanName>({
    use: 'official',
    family: p.family,
    given: [p.given, ...(p.middle ? [p.middle] : [])],
    suffix: p.suffix ? [p.suffix] : undefined,
  });
  const others = p.otherNames.map((n) =>
    compact<HumanName>({
      use: NAME_USE[n.kind] ?? 'usual',
      family: n.family,
      given: n.given ? [n.given] : [],
    }),
  );
  return [official, ...others];
}

function telecom(p: PatientOut): ContactPoint[] {
  const phones = p.phones.map(
    (ph): ContactPoint => ({ system: 'phone', value: ph.number, use: ph.use as ContactPoint['use'] }),
  );
  return p.email ? [...phones, { system: 'email', value: p.email }] : phones;
}

/** The current address (use home) and earlier ones (use old) with their periods: moves are history. */
function addresses(p: PatientOut): Address[] {
  return p.addressHistory.map((a) =>
    compact<Address>({
      use: a.current ? 'home' : 'old',
      line: [a.line1, ...(a.line2 ? [a.line2] : [])],
      city: a.city,
      state: a.state,
      postalCode: a.postalCode,
      country: a.country,
      period: compact({ start: a.validFrom, end: a.validTo ?? undefined }),
    }),
  );
}

function contacts(p: PatientOut): Patient['contact'] {
  const out: NonNullable<Patient['contact']> = [];
  const add = (c: PatientOut['emergencyContact'], code: string, display: string) => {
    if (!c) return;
    out.push(
      compact({
        relationship: [codeable(SYSTEMS.v2_0131, code, display, c.relationship)],
        name: { text: c.name },
        telecom: c.phone ? [{ system: 'phone' as const, value: c.phone }] : undefined,
      }),
    );
  };
  add(p.emergencyContact, 'C', 'Emergency Contact');
  add(p.guarantor, 'BP', 'Billing contact person');
  return out;
}

/**
 * A face sheet as a US Core Patient (race, ethnicity and birth sex extensions; identifiers with systems).
 * A merged record answers inactive with `link` replaced-by the survivor (R4 patient.html#links).
 * @param labels - the patient's active restriction labels, shown as meta.security
 */
export function patientToFhir(p: PatientOut, labels: readonly string[] = []): Patient {
  const marital = p.maritalStatus
    ? p.maritalStatus === 'unknown'
      ? codeable(SYSTEMS.nullFlavor, 'UNK', 'unknown')
      : codeable(SYSTEMS.maritalStatus, MARITAL_CODES[p.maritalStatus] ?? 'UNK', undefined, p.maritalStatus)
    : undefined;
  return compact<Patient>({
    resourceType: 'Patient',
    id: p.id,
    meta: metaOf(p, compact({ profile: [US_CORE.patient], security: securityFor(labels) })),
    extension: [
      raceExtension(p.race),
      ethnicityExtension(p.ethnicity),
      birthSexExtension(p.sexAtBirth),
    ].filter((e): e is Extension => e !== undefined),
    identifier: identifiers(p),
    active: p.status === 'active',
    name: names(p),
    telecom: telecom(p),
    gender: GENDER[p.sexAtBirth] ?? 'unknown',
    birthDate: p.birthDate,
    deceasedDateTime: p.dateOfDeath ?? undefined,
    address: addresses(p),
    maritalStatus: marital,
    contact: contacts(p),
    communication: p.preferredLanguage ? [{ language: { text: p.preferredLanguage } }] : undefined,
    link: p.mergedInto
      ? [{ other: { reference: `Patient/${p.mergedInto}` }, type: 'replaced-by' }]
      : undefined,
  });
}
