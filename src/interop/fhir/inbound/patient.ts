import { parseWithDates, type RegisterInput, registerInput } from '../../../patients/index.ts';
import {
  arr,
  codeIn,
  dateOf,
  IssueList,
  isObj,
  type Json,
  obj,
  str,
  textOf,
  zodIssues,
} from './fhir-values.ts';
import type { MapOptions, MapOutcome } from './types.ts';

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const SSN_SYSTEM = 'http://hl7.org/fhir/sid/us-ssn';

/** OMB race categories (CDC Race & Ethnicity code set, urn:oid:2.16.840.1.113883.6.238). */
const OMB_RACE: Record<string, RegisterInput['race'][number]> = {
  '1002-5': 'american_indian_or_alaska_native',
  '2028-9': 'asian',
  '2054-5': 'black_or_african_american',
  '2076-8': 'native_hawaiian_or_other_pacific_islander',
  '2106-3': 'white',
  ASKU: 'declined',
};
const OMB_ETHNICITY: Record<string, NonNullable<RegisterInput['ethnicity']>> = {
  '2135-2': 'hispanic_or_latino',
  '2186-5': 'not_hispanic_or_latino',
  ASKU: 'declined',
};
/** HL7 v3 MaritalStatus codes. */
const MARITAL: Record<string, NonNullable<RegisterInput['maritalStatus']>> = {
  S: 'single',
  U: 'single',
  M: 'married',
  T: 'domestic_partner',
  D: 'divorced',
  A: 'divorced',
  L: 'separated',
  W: 'widowed',
  I: 'unknown',
  P: 'unknown',
  UNK: 'unknown',
};
const SEX_BY_GENDER: Record<string, 'F' | 'M' | 'U'> = { female: 'F', male: 'M', other: 'U', unknown: 'U' };
/** identifier.type (v2 table 0203) → the patient index's identifier kinds. */
const ID_KIND: Record<string, 'other_mrn' | 'drivers_license' | 'passport' | 'member_id'> = {
  MR: 'other_mrn',
  DL: 'drivers_license',
  PPN: 'passport',
  MB: 'member_id',
};

function extension(r: Json, name: string): Json | undefined {
  return arr(r.extension)
    .filter(isObj)
    .find((e) => e.url === `${US_CORE}/${name}`);
}

/** us-core-race / us-core-ethnicity: the ombCategory sub-extensions. */
function ombCodes(ext: Json | undefined): string[] {
  return arr(ext?.extension)
    .filter(isObj)
    .filter((e) => e.url === 'ombCategory')
    .map((e) => str(obj(e.valueCoding)?.code))
    .filter((c): c is string => c !== undefined);
}

function officialName(r: Json): Json | undefined {
  const names = arr(r.name).filter(isObj);
  return names.find((n) => n.use === 'official') ?? names.find((n) => n.use !== 'old') ?? names[0];
}

function identifiers(r: Json, list: IssueList) {
  const out: RegisterInput['identifiers'] = [];
  let ssn: string | undefined;
  arr(r.identifier).forEach((raw, i) => {
    const id = obj(raw);
    const system = str(id?.system);
    const value = str(id?.value);
    if (!system || !value) return;
    const typeCode = codeIn(id?.type, V2_0203);
    if (system === SSN_SYSTEM || typeCode === 'SS') {
      ssn = value;
      return;
    }
    if (out.length >= 10 || system.length > 80 || value.length > 60) {
      list.warn(`identifier[${i}]`, 'not kept (more than 10 identifiers, or too long)');
      return;
    }
    out.push({ kind: (typeCode && ID_KIND[typeCode]) || 'other', system, value });
  });
  return { identifiers: out, ssn };
}

function address(r: Json, list: IssueList): RegisterInput['address'] {
  const addresses = arr(r.address).filter(isObj);
  const a = addresses.find((x) => x.use === 'home' && !obj(x.period)?.end) ?? addresses[0];
  if (!a) return null;
  const [line1, line2] = arr(a.line).map(str);
  const out = { line1, line2, city: str(a.city), state: str(a.state), postalCode: str(a.postalCode) };
  if (!out.line1 || !out.city || !out.state || !out.postalCode) {
    list.warn('address', 'not kept: the record needs a street line, city, state and postal code');
    return null;
  }
  const country = str(a.country);
  return {
    ...out,
    line1: out.line1,
    city: out.city,
    state: out.state,
    postalCode: out.postalCode,
    line2: out.line2 ?? null,
    country: country && country.length === 2 ? country : 'US',
  };
}

/**
 * FHIR Patient (with US Core race, ethnicity and birth sex) → a patient-index registration.
 * An SSN that SSA never issues (e.g. Synthea's 999- numbers) is not kept, with a warning.
 */
export function mapPatient(r: Json, opts: MapOptions): MapOutcome {
  const list = new IssueList('Patient');
  const name = officialName(r);
  const given = arr(name?.given)
    .map(str)
    .filter((g): g is string => !!g);
  const family = str(name?.family) ?? list.required('name.family', 'a family name is required');
  if (given.length === 0) list.required('name.given', 'a given name is required');
  const birthDate = str(r.birthDate) ?? list.required('birthDate');
  const gender = str(r.gender);
  const birthSex = str(extension(r, 'us-core-birthsex')?.valueCode);
  const sexAtBirth =
    birthSex === 'F' || birthSex === 'M'
      ? birthSex
      : (list.code('gender', gender, SEX_BY_GENDER, 'male, female, other, unknown') ?? 'U');
  const { identifiers: ids, ssn } = identifiers(r, list);
  const telecom = arr(r.telecom)
    .filter(isObj)
    .filter((t) => t.system === 'phone' && str(t.value));
  const input = {
    family,
    given: given[0],
    middle: given.slice(1).join(' ') || null,
    suffix: str(arr(name?.suffix)[0]) ?? null,
    birthDate,
    sexAtBirth,
    ssn: ssn ?? null,
    email:
      str(
        arr(r.telecom)
          .filter(isObj)
          .find((t) => t.system === 'email')?.value,
      ) ?? null,
    preferredLanguage: textOf(obj(arr(r.communication)[0])?.language)?.slice(0, 40) ?? null,
    race: [...new Set(ombCodes(extension(r, 'us-core-race')).flatMap((c) => OMB_RACE[c] ?? []))],
    ethnicity: ombCodes(extension(r, 'us-core-ethnicity')).map((c) => OMB_ETHNICITY[c])[0] ?? null,
    maritalStatus: MARITAL[codeIn(r.maritalStatus) ?? ''] ?? null,
    dateOfDeath: dateOf(r.deceasedDateTime) ?? null,
    phones: telecom.slice(0, 5).map((t) => ({
      use:
        t.use === 'mobile' ? ('mobile' as const) : t.use === 'work' ? ('work' as const) : ('home' as const),
      number: String(t.value),
    })),
    address: address(r, list),
    identifiers: ids,
  };
  if (list.issues.length) return { ok: false, issues: list.issues };
  return validate(input, list, opts);
}

function validate(input: Record<string, unknown>, list: IssueList, opts: MapOptions): MapOutcome {
  let parsed = parseWithDates(registerInput, input, opts.today);
  if (!parsed.ok && parsed.issues.some((i) => i.field === 'ssn')) {
    list.warn('identifier', 'the SSN is not a number SSA issues; not kept');
    parsed = parseWithDates(registerInput, { ...input, ssn: null }, opts.today);
  }
  if (!parsed.ok && parsed.issues.some((i) => i.field.startsWith('phones'))) {
    list.warn('telecom', 'a phone number is not a dialable number; phones not kept');
    parsed = parseWithDates(registerInput, { ...input, ssn: null, phones: [] }, opts.today);
  }
  if (!parsed.ok) {
    zodIssues(
      list,
      parsed.issues.map((i) => ({ path: [i.field], message: i.message })),
      PATH_MAP,
    );
    return { ok: false, issues: list.issues };
  }
  return { ok: true, write: { target: 'patient', input: parsed.value }, warnings: list.warnings };
}

const PATH_MAP: Record<string, string> = {
  family: 'name.family',
  given: 'name.given',
  middle: 'name.given',
  birthDate: 'birthDate',
  dateOfDeath: 'deceasedDateTime',
  email: 'telecom',
  'address.postalCode': 'address.postalCode',
};
