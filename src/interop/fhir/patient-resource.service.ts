import type { Bundle, Patient, Resource } from '@medplum/fhirtypes';
import { activeLabels } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  getPatient,
  loadOut,
  type PatientOut,
  patientVersions,
  registerPatient,
  searchPatientIds,
  updatePatient,
} from '../../patients/index.ts';
import { auditSearch, isUuid, readableOnly, withheldWarning } from './access.ts';
import { countBundle, historyBundle, searchsetBundle } from './bundle.ts';
import { fhirErrors, fromMapper, fromValidator } from './errors.ts';
import { fhirBase, today } from './fhir-http.ts';
import { mapPatient } from './inbound/index.ts';
import { patientToFhir } from './outbound/index.ts';
import { PATIENT_SORT, patientCriteria } from './patient-search.ts';
import { revincludes } from './revinclude.ts';
import { parsePaging, type RawQuery } from './search-params.ts';
import { validateIncoming } from './validation.ts';

async function labelsOf(ctx: RequestContext, id: string): Promise<string[]> {
  return (await activeLabels(ctx.db, [id])).map((l) => l.label);
}

/** GET Patient/:id — through the patient index's own read (access check and audit event). */
export async function readPatient(ctx: RequestContext, id: string): Promise<Patient> {
  if (!isUuid(id)) throw fhirErrors.notFound('Patient', id);
  const out = await getPatient(ctx, id);
  return patientToFhir(out, await labelsOf(ctx, id));
}

/** Every version, from the append-only version history (snapshots of the face sheet). */
export async function patientHistory(ctx: RequestContext, id: string): Promise<Patient[]> {
  if (!isUuid(id)) throw fhirErrors.notFound('Patient', id);
  const { versions } = await patientVersions(ctx, id);
  const labels = await labelsOf(ctx, id);
  return versions.map((v) => patientToFhir(v.snapshot as unknown as PatientOut, labels));
}

export async function vreadPatient(ctx: RequestContext, id: string, vid: string): Promise<Patient> {
  const found = (await patientHistory(ctx, id)).find((p) => p.meta?.versionId === vid);
  if (!found) throw fhirErrors.versionNotFound('Patient', id, vid);
  return found;
}

export async function patientHistoryBundle(ctx: RequestContext, id: string): Promise<Bundle> {
  return historyBundle(fhirBase(ctx), await patientHistory(ctx, id));
}

/**
 * Patient search: one page of matching records the actor may see, with any `_revinclude`d clinical
 * resources, audited as one event listing every patient returned.
 */
export async function searchPatients(ctx: RequestContext, query: RawQuery): Promise<Bundle> {
  const paging = parsePaging(query, PATIENT_SORT);
  const criteria = patientCriteria(query);
  return withTransaction(ctx.db, async (trx) => {
    const { ids, total } = await searchPatientIds(trx, criteria, {
      limit: paging.summaryCount ? 0 : paging.count,
      offset: paging.offset,
      sort: paging.sort
        ? { column: paging.sort.param === 'birthdate' ? 'date' : 'updated', desc: paging.sort.desc }
        : undefined,
    });
    if (paging.summaryCount) {
      await auditSearch(trx, ctx, 'Patient', [], { summary: 'count', total });
      return countBundle(total);
    }
    const { allowed, withheld } = await readableOnly(ctx, trx, ids, (id) => id);
    const labels = new Map<string, string[]>();
    for (const l of await activeLabels(trx, allowed))
      labels.set(l.patient_id, [...(labels.get(l.patient_id) ?? []), l.label]);
    const matches: Resource[] = [];
    for (const id of allowed) matches.push(patientToFhir(await loadOut(ctx, trx, id), labels.get(id)));
    const includes = await revincludes(ctx, trx, paging.revinclude, allowed);
    await auditSearch(trx, ctx, 'Patient', allowed, { returned: allowed.length, included: includes.length });
    return searchsetBundle({
      base: fhirBase(ctx),
      path: 'Patient',
      query,
      matches,
      includes,
      total,
      count: paging.count,
      offset: paging.offset,
      warnings: withheldWarning(withheld),
    });
  });
}

/** Structure and required bindings first, then the inbound mapper's rules; every issue at once. */
function toRegisterInput(ctx: RequestContext, body: unknown) {
  const structural = validateIncoming(body, 'Patient');
  if (structural.length > 0) throw fhirErrors.invalid(fromValidator(structural));
  const mapped = mapPatient(body as Record<string, unknown>, { today: today(ctx) });
  if (!mapped.ok) throw fhirErrors.invalid(fromMapper(mapped.issues));
  if (mapped.write.target !== 'patient') throw fhirErrors.notSupported('This Patient');
  return mapped.write.input;
}

/** POST Patient — registers through the patient index (MRN issued, version 1, audit event). */
export async function createPatient(ctx: RequestContext, body: unknown): Promise<Patient> {
  const out = await registerPatient(ctx, toRegisterInput(ctx, body));
  return patientToFhir(out);
}

/** Why a FHIR update changed the record (the patient index keeps a reason on every version). */
export const FHIR_UPDATE_REASON = 'Updated through the FHIR API';

/**
 * PUT Patient/:id — a new version through the patient index. Version-aware (R4 http.html#concurrency): the
 * client's If-Match or meta.versionId must be the current version, else 412.
 */
export async function updatePatientResource(
  ctx: RequestContext,
  id: string,
  body: unknown,
  ifMatch: number | undefined,
): Promise<Patient> {
  if (!isUuid(id)) throw fhirErrors.notFound('Patient', id);
  const input = toRegisterInput(ctx, body);
  const r = body as Patient;
  if (r.id !== id) throw fhirErrors.idMismatch('Patient');
  const version = ifMatch ?? (r.meta?.versionId ? Number(r.meta.versionId) : undefined);
  if (!version || !Number.isInteger(version)) throw fhirErrors.versionRequired('Patient');
  // Names, identifiers and coverage are added, never replaced, by the patient index; an update carries
  // the demographics only.
  const { otherNames: _n, identifiers: _i, coverage: _c, ...demographics } = input;
  try {
    const out = await updatePatient(ctx, id, {
      ...demographics,
      version,
      reason: FHIR_UPDATE_REASON,
      addOtherNames: [],
    });
    return patientToFhir(out, await labelsOf(ctx, id));
  } catch (err) {
    if (err instanceof AppError && err.code === 'VERSION_CONFLICT')
      throw fhirErrors.preconditionFailed((err.details as { currentVersion: number }).currentVersion);
    throw err;
  }
}
