import type { FieldCipher } from '../kernel/crypto.ts';
import type { MatchRecord } from './matching.ts';
import type { PatientAggregate, PatientRow } from './patients.queries.ts';
import type { PatientOut } from './patients.responses.ts';
import type { RegisterInput } from './patients.schemas.ts';
import { digits, normalizeName, phoneticKey } from './similarity.ts';
import { maskSsn, ssnDigits } from './validation.ts';

type Demographics = Omit<RegisterInput, 'otherNames' | 'identifiers' | 'coverage'>;

const orNull = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** Keyed hashes of an SSN and of its last four digits (exact lookups without decrypting). */
export function ssnHashes(cipher: FieldCipher, ssn: string): { full: string; last4: string } {
  const d = ssnDigits(ssn);
  return { full: cipher.lookupHash(`ssn:${d}`), last4: cipher.lookupHash(`ssn4:${d.slice(-4)}`) };
}

/** Patient-row columns for the demographics part of a registration or update. */
export function demographicsToColumns(input: Demographics, cipher: FieldCipher) {
  const ssn = input.ssn ? ssnDigits(input.ssn) : null;
  const hashes = ssn ? ssnHashes(cipher, ssn) : null;
  return {
    family_name: input.family,
    given_name: input.given,
    middle_name: orNull(input.middle) || null,
    suffix: orNull(input.suffix) || null,
    birth_date: input.birthDate,
    sex_at_birth: input.sexAtBirth,
    gender_identity: orNull(input.genderIdentity) || null,
    ssn_enc: ssn ? cipher.encrypt(ssn) : null,
    ssn_hash: hashes?.full ?? null,
    ssn_last4_hash: hashes?.last4 ?? null,
    email: orNull(input.email) || null,
    preferred_language: orNull(input.preferredLanguage) || null,
    race: input.race,
    ethnicity: orNull(input.ethnicity),
    marital_status: orNull(input.maritalStatus),
    date_of_death: orNull(input.dateOfDeath) || null,
    phones: JSON.stringify(input.phones),
    phone_digits: input.phones.map((p) => digits(p.number).slice(-10)),
    emergency_contact: input.emergencyContact ? JSON.stringify(input.emergencyContact) : null,
    guarantor: input.guarantor ? JSON.stringify(input.guarantor) : null,
    family_key: phoneticKey(input.family),
    given_key: phoneticKey(input.given),
    family_norm: normalizeName(input.family),
    given_norm: normalizeName(input.given),
    address_line: input.address ? input.address.line1 : null,
    postal_code: input.address ? input.address.postalCode : null,
  };
}

const iso = (d: Date) => d.toISOString();

/** A coverage row as the API shows it (face sheet and the billing read). */
export const coverageOut = (c: {
  id: string;
  priority: 'primary' | 'secondary' | 'tertiary';
  payer: string;
  plan: string | null;
  member_id: string;
  group_number: string | null;
  subscriber_name: string;
  relationship: 'self' | 'spouse' | 'child' | 'other';
  effective_from: string;
  effective_to: string | null;
}) => ({
  id: c.id,
  priority: c.priority,
  payer: c.payer,
  plan: c.plan,
  memberId: c.member_id,
  groupNumber: c.group_number,
  subscriberName: c.subscriber_name,
  relationship: c.relationship,
  effectiveFrom: c.effective_from,
  effectiveTo: c.effective_to,
});

/** The face-sheet demographics shape: the SSN only masked. */
export function aggregateToOut(agg: PatientAggregate, cipher: FieldCipher): PatientOut {
  const p = agg.patient;
  const addresses = agg.addresses.map((a) => ({
    id: a.id,
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    state: a.state,
    postalCode: a.postal_code,
    country: a.country,
    current: a.is_current,
    validFrom: a.valid_from,
    validTo: a.valid_to,
  }));
  return {
    id: p.id,
    mrn: p.mrn,
    status: p.status,
    mergedInto: p.merged_into,
    version: p.version,
    family: p.family_name,
    given: p.given_name,
    middle: p.middle_name,
    suffix: p.suffix,
    birthDate: p.birth_date,
    sexAtBirth: p.sex_at_birth,
    genderIdentity: p.gender_identity,
    ssnMasked: p.ssn_enc ? maskSsn(cipher.decrypt(p.ssn_enc, `Patient/${p.id}`)) : null,
    email: p.email,
    preferredLanguage: p.preferred_language,
    race: p.race,
    ethnicity: p.ethnicity,
    maritalStatus: p.marital_status,
    dateOfDeath: p.date_of_death,
    phones: p.phones,
    emergencyContact: p.emergency_contact,
    guarantor: p.guarantor,
    address: addresses.find((a) => a.current) ?? null,
    addressHistory: addresses,
    otherNames: agg.otherNames.map((n) => ({ kind: n.kind, family: n.family_name, given: n.given_name })),
    identifiers: agg.identifiers.map((i) => ({ id: i.id, kind: i.kind, system: i.system, value: i.value })),
    coverage: agg.coverage.filter((c) => c.status === 'active').map(coverageOut),
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

/** What matching compares, from a stored row (other family names from the other-name table). */
export function rowToMatchRecord(
  p: Pick<
    PatientRow,
    | 'family_name'
    | 'given_name'
    | 'middle_name'
    | 'birth_date'
    | 'sex_at_birth'
    | 'ssn_hash'
    | 'ssn_last4_hash'
    | 'address_line'
    | 'postal_code'
    | 'phone_digits'
  >,
  extras: { otherFamilies: string[]; memberIds: string[] } = { otherFamilies: [], memberIds: [] },
): MatchRecord {
  return {
    family: p.family_name,
    given: p.given_name,
    middle: p.middle_name,
    otherFamilies: extras.otherFamilies,
    memberIds: extras.memberIds,
    birthDate: p.birth_date,
    sex: p.sex_at_birth,
    ssnHash: p.ssn_hash,
    ssnLast4Hash: p.ssn_last4_hash,
    addressLine: p.address_line,
    postalCode: p.postal_code,
    phones: p.phone_digits,
  };
}

/** Top-level fields that differ between two face-sheet snapshots (for version history and 409s). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const skip = new Set(['version', 'updatedAt', 'createdAt', 'addressHistory']);
  return Object.keys(after).filter((k) => !skip.has(k) && canonical(before[k]) !== canonical(after[k]));
}

/** JSON with object keys sorted: jsonb does not keep key order, so snapshots compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}
