import type { Hl7Segment } from '@medplum/core';
import { dtmToDate, fieldText, type Hl7Issue, isExplicitNull, repetitions, value } from './message.ts';

/**
 * PID (HL7 2.5.1 §3.4.2) to the patient index's registration fields. Only fields the sender filled in
 * are returned (A08: an empty field means "no change", `""` means "delete", §2.5.3), so an update
 * overlays them on the stored record.
 */
export interface PidIdentifier {
  kind: 'other_mrn';
  /** The assigning authority (CX-4); the sending facility when the sender leaves it out. */
  system: string;
  value: string;
}

export interface PidData {
  identifiers: PidIdentifier[];
  /** Registration/update fields present in the segment (null = sender deleted the value). */
  fields: Record<string, unknown>;
}

/** Which PID field each registration field came from, to name it in an ERR segment. */
export const FIELD_LOCATION: Record<string, string> = {
  family: 'PID-5.1',
  given: 'PID-5.2',
  middle: 'PID-5.3',
  suffix: 'PID-5.4',
  birthDate: 'PID-7',
  sexAtBirth: 'PID-8',
  race: 'PID-10',
  address: 'PID-11',
  phones: 'PID-13',
  preferredLanguage: 'PID-15',
  maritalStatus: 'PID-16',
  ssn: 'PID-19',
  ethnicity: 'PID-22',
  dateOfDeath: 'PID-29',
  identifiers: 'PID-3',
};

/** Registration fields a feed may leave out when the sender's value is unusable (answered with a warning). */
export const OPTIONAL_FIELDS = new Set([
  'race',
  'address',
  'phones',
  'preferredLanguage',
  'maritalStatus',
  'ssn',
  'ethnicity',
  'dateOfDeath',
  'middle',
  'suffix',
]);

/** CDC race and ethnicity codes (PHIN VADS, HL7 table 0005/0189) to the OMB categories we keep. */
const RACE: Record<string, string> = {
  '1002-5': 'american_indian_or_alaska_native',
  '2028-9': 'asian',
  '2054-5': 'black_or_african_american',
  '2076-8': 'native_hawaiian_or_other_pacific_islander',
  '2106-3': 'white',
};
const MARITAL: Record<string, string> = {
  S: 'single',
  M: 'married',
  D: 'divorced',
  W: 'widowed',
  A: 'separated',
  P: 'domestic_partner',
  U: 'unknown',
};
const COUNTRY3: Record<string, string> = { USA: 'US', CAN: 'CA', MEX: 'MX', GBR: 'GB' };

/** CX repetitions of PID-3 (or MRG-1): value, assigning authority, identifier type. */
export function identifiersOf(seg: Hl7Segment | undefined, field: number, defaultAuthority: string) {
  const out: { value: string; authority: string; type: string }[] = [];
  for (let r = 0; r < repetitions(seg, field); r++) {
    const v = value(seg, field, 1, r);
    if (!v) continue;
    // CX-4 is an HD (namespace & universal id & type): the namespace names the issuer, else the OID.
    const hd = seg?.getField(field)?.getComponent(4, undefined, r) ?? '';
    const [ns = '', uid = ''] = hd.split('&');
    out.push({
      value: v,
      authority: ns.trim() || uid.trim() || defaultAuthority,
      type: value(seg, field, 5, r),
    });
  }
  return out;
}

function phonesOf(pid: Hl7Segment): { use: string; number: string }[] {
  const out: { use: string; number: string }[] = [];
  for (const [field, use] of [
    [13, 'home'],
    [14, 'work'],
  ] as const) {
    for (let r = 0; r < repetitions(pid, field); r++) {
      // XTN-1 (the number as text) or, since 2.3, area code XTN-6 + local number XTN-7.
      const number = value(pid, field, 1, r) || `${value(pid, field, 6, r)}${value(pid, field, 7, r)}`;
      if (!number) continue;
      const equipment = value(pid, field, 3, r).toUpperCase();
      out.push({ use: equipment === 'CP' ? 'mobile' : use, number });
    }
  }
  return out.slice(0, 5);
}

function addressOf(pid: Hl7Segment) {
  const country = value(pid, 11, 6).toUpperCase();
  return {
    line1: value(pid, 11, 1),
    line2: value(pid, 11, 2) || null,
    city: value(pid, 11, 3),
    state: value(pid, 11, 4),
    postalCode: value(pid, 11, 5),
    country: COUNTRY3[country] ?? (country.length === 2 ? country : 'US'),
  };
}

/** Sets `fields[key]` from a PID field: present → mapped value, `""` → null, empty → left out. */
function put(fields: Record<string, unknown>, pid: Hl7Segment, n: number, key: string, map: () => unknown) {
  if (isExplicitNull(pid, n)) fields[key] = key === 'race' || key === 'phones' ? [] : null;
  else if (fieldText(pid, n).replace(/[\^~&]/g, '') !== '') fields[key] = map();
}

/**
 * Reads a PID segment.
 * @param defaultAuthority - the sending facility, for identifiers without an assigning authority
 */
export function readPid(pid: Hl7Segment, defaultAuthority: string): PidData {
  const all = identifiersOf(pid, 3, defaultAuthority);
  const fields: Record<string, unknown> = {};
  const ss = all.find((i) => i.type.toUpperCase() === 'SS');
  // PID-19 is kept for backward compatibility only (2.5.1 §3.4.2.19); PID-3 type SS takes precedence.
  if (ss) fields.ssn = ss.value;
  else put(fields, pid, 19, 'ssn', () => value(pid, 19));
  put(fields, pid, 5, 'family', () => value(pid, 5, 1));
  if (fieldText(pid, 5) && !isExplicitNull(pid, 5)) {
    fields.given = value(pid, 5, 2);
    fields.middle = value(pid, 5, 3) || null;
    fields.suffix = value(pid, 5, 4) || null;
  }
  put(fields, pid, 7, 'birthDate', () => dtmToDate(value(pid, 7)) ?? `invalid:${value(pid, 7)}`);
  put(fields, pid, 8, 'sexAtBirth', () => {
    const s = value(pid, 8).toUpperCase();
    return s === 'F' || s === 'M' ? s : 'U';
  });
  put(fields, pid, 10, 'race', () => {
    const codes = Array.from({ length: repetitions(pid, 10) }, (_, r) => RACE[value(pid, 10, 1, r)]);
    return [...new Set(codes.filter((c): c is string => c !== undefined))];
  });
  put(fields, pid, 11, 'address', () => addressOf(pid));
  put(fields, pid, 13, 'phones', () => phonesOf(pid));
  put(fields, pid, 15, 'preferredLanguage', () => (value(pid, 15, 2) || value(pid, 15, 1)).slice(0, 40));
  put(fields, pid, 16, 'maritalStatus', () => MARITAL[value(pid, 16).toUpperCase()] ?? 'unknown');
  put(fields, pid, 22, 'ethnicity', () => {
    const e = value(pid, 22).toUpperCase();
    if (e === 'H' || e === '2135-2') return 'hispanic_or_latino';
    if (e === 'N' || e === '2186-5') return 'not_hispanic_or_latino';
    return null;
  });
  put(fields, pid, 29, 'dateOfDeath', () => dtmToDate(value(pid, 29)) ?? null);
  return {
    identifiers: all
      .filter((i) => i.type.toUpperCase() !== 'SS')
      .map((i) => ({
        kind: 'other_mrn' as const,
        system: i.authority.slice(0, 80),
        value: i.value.slice(0, 60),
      })),
    fields,
  };
}

/** What a new registration needs from PID; every missing or unreadable required field is reported. */
export function registrationIssues(d: PidData): Hl7Issue[] {
  const issues: Hl7Issue[] = [];
  const need = (ok: boolean, location: string, message: string, code = '101') => {
    if (!ok) issues.push({ location, message, severity: 'E', code });
  };
  need(d.identifiers.length > 0, 'PID-3', 'at least one patient identifier is required');
  need(Boolean(d.fields.family), 'PID-5.1', 'the family name is required');
  need(Boolean(d.fields.given), 'PID-5.2', 'the given name is required');
  const birth = d.fields.birthDate;
  need(Boolean(birth), 'PID-7', 'the date of birth is required');
  if (typeof birth === 'string' && birth.startsWith('invalid:'))
    need(false, 'PID-7', 'the date of birth is not a date (YYYYMMDD)', '102');
  return issues;
}
