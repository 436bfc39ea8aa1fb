import type { Hl7Message } from '@medplum/core';
import type { RequestContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  findPatientIdByIdentifier,
  getPatient,
  type PatientOut,
  registerPatient,
  updatePatient,
} from '../../patients/index.ts';
import { Hl7Rejection, issue } from './errors.ts';
import type { Header, Hl7Issue } from './message.ts';
import { FIELD_LOCATION, OPTIONAL_FIELDS, type PidData, readPid, registrationIssues } from './pid.ts';

/**
 * The patient side of a message: find the patient by any PID-3 identifier, register them when unknown,
 * and overlay the demographics the sender filled in. Unusable optional values (a malformed phone, an
 * address without a city) are left out and reported as ERR warnings; unusable required ones reject.
 */
export interface PatientStep {
  patientId: string;
  warnings: Hl7Issue[];
}

const topKey = (field: string) => field.split('.')[0] ?? field;

/** Domain validation issues to HL7 ones, naming the PID field each came from. */
export function pidIssues(e: unknown): Hl7Issue[] | undefined {
  if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') return undefined;
  const list = (e.details as { issues?: { field: string; message: string }[] } | undefined)?.issues ?? [];
  const all = list.map((i) => issue(FIELD_LOCATION[topKey(i.field)] ?? 'PID', i.message, '102'));
  return all.filter(
    (i, n) => all.findIndex((j) => j.location === i.location && j.message === i.message) === n,
  );
}

/** Runs a registration or update; drops optional fields the domain refuses and tries once more. */
async function withOptionalRetry<T>(
  fields: Record<string, unknown>,
  run: (f: Record<string, unknown>) => Promise<T>,
): Promise<{ value: T; warnings: Hl7Issue[] }> {
  try {
    return { value: await run(fields), warnings: [] };
  } catch (e) {
    const issues = pidIssues(e);
    if (!issues) throw e;
    const raw = (e as AppError).details as { issues: { field: string }[] };
    const keys = [...new Set(raw.issues.map((i) => topKey(i.field)))];
    if (!keys.every((k) => OPTIONAL_FIELDS.has(k))) throw new Hl7Rejection(issues);
    const rest = Object.fromEntries(Object.entries(fields).filter(([k]) => !keys.includes(k)));
    const value = await run(rest).catch((e2: unknown) => {
      throw new Hl7Rejection(pidIssues(e2) ?? [issue('PID', (e2 as Error).message)]);
    });
    return {
      value,
      warnings: issues.map((i) => ({ ...i, severity: 'W' as const, message: `${i.message} (not stored)` })),
    };
  }
}

/** The stored record's demographics in the shape updatePatient takes. */
function demographicsOf(p: PatientOut): Record<string, unknown> {
  const a = p.address;
  return {
    family: p.family,
    given: p.given,
    middle: p.middle,
    suffix: p.suffix,
    birthDate: p.birthDate,
    sexAtBirth: p.sexAtBirth,
    genderIdentity: p.genderIdentity,
    email: p.email,
    preferredLanguage: p.preferredLanguage,
    race: p.race,
    ethnicity: p.ethnicity,
    maritalStatus: p.maritalStatus,
    dateOfDeath: p.dateOfDeath,
    phones: p.phones,
    address: a
      ? {
          line1: a.line1,
          line2: a.line2,
          city: a.city,
          state: a.state,
          postalCode: a.postalCode,
          country: a.country,
        }
      : null,
    emergencyContact: p.emergencyContact,
    guarantor: p.guarantor,
  };
}

/** Fields whose incoming value differs from the stored one (the SSN compared by its last four). */
function changes(current: Record<string, unknown>, p: PatientOut, fields: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => {
      if (k === 'ssn') return typeof v === 'string' && !p.ssnMasked?.endsWith(v.replace(/\D/g, '').slice(-4));
      return JSON.stringify(current[k] ?? null) !== JSON.stringify(v ?? null);
    }),
  );
}

export async function findPatient(ctx: RequestContext, pid: PidData): Promise<string | undefined> {
  for (const id of pid.identifiers) {
    const found = await findPatientIdByIdentifier(ctx, id.system, id.value);
    if (found) return found;
  }
  return undefined;
}

async function register(ctx: RequestContext, pid: PidData): Promise<PatientStep> {
  const missing = registrationIssues(pid);
  if (missing.length) throw new Hl7Rejection(missing);
  const { value, warnings } = await withOptionalRetry(pid.fields, (f) =>
    registerPatient(ctx, { ...f, identifiers: pid.identifiers }),
  );
  return { patientId: value.id, warnings };
}

async function overlay(ctx: RequestContext, id: string, pid: PidData, h: Header): Promise<Hl7Issue[]> {
  const p = await getPatient(ctx, id);
  const current = demographicsOf(p);
  const fields = { ...pid.fields };
  if (typeof fields.birthDate === 'string' && fields.birthDate.startsWith('invalid:'))
    throw new Hl7Rejection([issue('PID-7', 'the date of birth is not a date (YYYYMMDD)', '102')]);
  const changed = changes(current, p, fields);
  if (Object.keys(changed).length === 0) return [];
  const reason = `HL7 ${h.type}^${h.trigger} from ${h.sendingApplication || 'the sending system'} (control id ${h.controlId})`;
  const { warnings } = await withOptionalRetry(changed, (f) =>
    updatePatient(ctx, id, { ...current, ...f, version: p.version, reason: reason.slice(0, 500) }),
  );
  return warnings;
}

/**
 * @param mode - 'upsert' registers or updates (ADT); 'register-only' registers an unknown patient but
 *   never changes a known one (ORU: a lab's PID is often sparser than the registration system's)
 */
export async function patientFromPid(
  ctx: RequestContext,
  msg: Hl7Message,
  h: Header,
  mode: 'upsert' | 'register-only',
): Promise<PatientStep> {
  const seg = msg.getSegment('PID');
  if (!seg) throw new Hl7Rejection([issue('PID', 'the PID segment is required', '100')]);
  const pid = readPid(seg, h.sendingFacility || h.sendingApplication);
  if (pid.identifiers.length === 0)
    throw new Hl7Rejection([issue('PID-3', 'at least one patient identifier is required', '101')]);
  const id = await findPatient(ctx, pid);
  if (!id) return register(ctx, pid);
  return { patientId: id, warnings: mode === 'upsert' ? await overlay(ctx, id, pid, h) : [] };
}
