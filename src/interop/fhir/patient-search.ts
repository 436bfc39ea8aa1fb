import type { PatientCriteria } from '../../patients/index.ts';
import { isUuid } from './access.ts';
import { SYSTEMS } from './outbound/index.ts';
import { dateRange, invalidSearch, parseTokens, type RawQuery, values } from './search-params.ts';

/** Patient search parameters we answer (US Core Patient required searches and the list). */
export const PATIENT_PARAMS = [
  { name: '_id', type: 'token' },
  { name: 'identifier', type: 'token' },
  { name: 'name', type: 'string' },
  { name: 'family', type: 'string' },
  { name: 'given', type: 'string' },
  { name: 'birthdate', type: 'date' },
  { name: 'gender', type: 'token' },
  { name: 'phone', type: 'token' },
  { name: 'address-postalcode', type: 'string' },
] as const;
export const PATIENT_SORT = ['birthdate', '_lastUpdated'] as const;

const GENDER: Record<string, string> = { female: 'F', male: 'M', unknown: 'U' };

/** Comma-separated values OR together; repeats AND together (R4 search.html#combining). */
const orValues = (q: RawQuery, name: string): string[][] =>
  values(q, name).map((v) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/** Query → criteria for the patient query; a malformed value is a 400 naming the parameter. */
export function patientCriteria(q: RawQuery): PatientCriteria {
  const c: PatientCriteria = {};
  const ids = orValues(q, '_id').flat();
  if (ids.length) c.ids = ids.filter(isUuid);
  const identifiers = values(q, 'identifier').flatMap(parseTokens);
  if (identifiers.length)
    c.identifiers = identifiers.map((t) => ({
      mrn: t.system === SYSTEMS.mrn,
      ...(t.system && t.system !== SYSTEMS.mrn ? { system: t.system } : {}),
      value: t.code,
    }));
  const name = values(q, 'name');
  if (name.length) c.name = name;
  const family = values(q, 'family');
  if (family.length) c.family = family;
  const given = values(q, 'given');
  if (given.length) c.given = given;
  const birth = dateRange(q, 'birthdate');
  if (birth) c.birthDate = birth;
  const gender = orValues(q, 'gender').flat();
  if (gender.length) {
    for (const g of gender)
      if (!['male', 'female', 'other', 'unknown'].includes(g))
        throw invalidSearch('gender', 'gender: use male, female, other or unknown');
    c.sex = gender.map((g) => GENDER[g]).filter((s): s is string => !!s);
  }
  const phones = orValues(q, 'phone').flat();
  if (phones.length) c.phoneDigits = phones.map((p) => p.replace(/\D/g, '').slice(-10)).filter(Boolean);
  const postal = orValues(q, 'address-postalcode').flat();
  if (postal.length) c.postalCode = postal;
  return c;
}
