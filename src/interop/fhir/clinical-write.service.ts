import type { Resource } from '@medplum/fhirtypes';
import {
  changeEncounterStatus,
  createEncounter,
  createEntry,
  getEncounter,
  getEntry,
  markEncounterInError,
  markEntryInError,
  updateEncounter,
  updateEntry,
} from '../../chart/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { isUuid } from './access.ts';
import { fhirErrors, fromMapper, fromValidator } from './errors.ts';
import { today } from './fhir-http.ts';
import { type InboundWrite, mapResource } from './inbound/index.ts';
import { ENTRY_KIND_TYPES, encounterToFhir, entryToFhir } from './outbound/index.ts';
import { domainIssuePaths, localId, refIssue } from './references.ts';
import { validateIncoming } from './validation.ts';

/** The reason kept on versions written through FHIR (the chart keeps one on every correction). */
export const FHIR_CHANGE_REASON = 'Changed through the FHIR API';

type Collection = Parameters<typeof createEntry>[2];
const COLLECTION_OF: Record<string, Collection> = {
  problem: 'history',
  diagnosis: 'diagnoses',
  result: 'results',
  medication: 'medications',
  allergy: 'allergies',
  allergy_assertion: 'allergies',
};

/** Structure and bindings (validator), then the inbound mapper; all issues of a stage at once. */
export function mapIncoming(ctx: RequestContext, type: string, body: unknown): InboundWrite {
  const structural = validateIncoming(body, type);
  if (structural.length > 0) throw fhirErrors.invalid(fromValidator(structural));
  const mapped = mapResource(body, { today: today(ctx) });
  if (mapped.ok === 'skipped') throw fhirErrors.notSupported(`Writing ${type}`);
  if (!mapped.ok) throw fhirErrors.invalid(fromMapper(mapped.issues));
  return mapped.write;
}

const subjectPath = (type: string) => (type === 'AllergyIntolerance' ? `${type}.patient` : `${type}.subject`);

/** Domain refusals that concern the content (not access) become 422 issues with FHIRPath locations. */
async function asFhir<T>(type: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'VERSION_CONFLICT')
      throw fhirErrors.preconditionFailed((err.details as { currentVersion: number }).currentVersion);
    if (err.code === 'VALIDATION_FAILED') {
      const issues = (err.details as { issues: { field: string; message: string }[] }).issues;
      throw fhirErrors.unprocessable(
        domainIssuePaths(issues, type, {
          encounterId: `${type}.encounter`,
          providerId: `${type}.participant`,
        }),
      );
    }
    if (err.statusCode === 404 && /patient/i.test(err.message))
      throw fhirErrors.unprocessable([{ ...refIssue(subjectPath(type), 'Patient'), code: 'not-found' }]);
    throw err;
  }
}

function entryWrite(type: string, write: InboundWrite) {
  if (write.target !== 'entry' || ENTRY_KIND_TYPES[write.kind as keyof typeof ENTRY_KIND_TYPES] !== type)
    throw fhirErrors.notSupported(`This kind of ${type}`);
  const patientId = localId(write.patientRef, 'Patient');
  const encounterId = write.encounterRef ? localId(write.encounterRef, 'Encounter') : undefined;
  const issues = [
    ...(patientId ? [] : [refIssue(`${subjectPath(type)}.reference`, 'Patient')]),
    ...(write.encounterRef && !encounterId ? [refIssue(`${type}.encounter.reference`, 'Encounter')] : []),
  ];
  if (issues.length) throw fhirErrors.unprocessable(issues);
  return {
    kind: write.kind,
    data: write.data,
    patientId: patientId!,
    encounterId,
    enteredInError: !!write.enteredInError,
  };
}

/** The attending practitioner (a user of this system) named by Encounter.participant. */
function providerOf(body: unknown): string {
  const participants = (
    (body as { participant?: { individual?: { reference?: string } }[] }).participant ?? []
  ).map((p) => localId(p.individual?.reference, 'Practitioner'));
  const id = participants.find(Boolean);
  if (!id)
    throw fhirErrors.unprocessable([
      {
        field: 'Encounter.participant',
        code: 'required',
        message: 'name the attending Practitioner (Practitioner/<user id>)',
      },
    ]);
  return id;
}

/** Steps from a new (scheduled) visit to the requested status, along allowed transitions (docs/chart.md). */
const PATH: Record<string, ('arrived' | 'in_progress' | 'completed' | 'cancelled' | 'no_show')[]> = {
  scheduled: [],
  arrived: ['arrived'],
  in_progress: ['arrived', 'in_progress'],
  completed: ['arrived', 'in_progress', 'completed'],
  cancelled: ['cancelled'],
  no_show: ['no_show'],
};

async function createEncounterResource(ctx: RequestContext, body: unknown): Promise<Resource> {
  const write = mapIncoming(ctx, 'Encounter', body);
  if (write.target !== 'encounter') throw fhirErrors.notSupported('This Encounter');
  if (write.enteredInError) throw fhirErrors.notSupported('Creating an entered-in-error Encounter');
  const patientId = localId(write.patientRef, 'Patient');
  if (!patientId) throw fhirErrors.unprocessable([refIssue('Encounter.subject.reference', 'Patient')]);
  const { status, ...input } = write.input;
  const providerId = providerOf(body);
  let enc = await asFhir('Encounter', () => createEncounter(ctx, patientId, { ...input, providerId }));
  for (const step of PATH[status] ?? [])
    enc = await asFhir('Encounter', () =>
      changeEncounterStatus(ctx, enc.id, { status: step, version: enc.version }),
    );
  return encounterToFhir(enc);
}

/** POST <Type> for the writable chart types, through the chart's own services. */
export async function createClinical(ctx: RequestContext, type: string, body: unknown): Promise<Resource> {
  if (type === 'Encounter') return createEncounterResource(ctx, body);
  const w = entryWrite(type, mapIncoming(ctx, type, body));
  if (w.enteredInError) throw fhirErrors.notSupported(`Creating an entered-in-error ${type}`);
  const collection = COLLECTION_OF[w.kind];
  if (!collection) throw fhirErrors.notSupported(`This kind of ${type}`);
  const entry = await asFhir(type, () =>
    createEntry(ctx, w.patientId, collection, {
      kind: w.kind,
      data: w.data,
      ...(w.encounterId ? { encounterId: w.encounterId } : {}),
    }),
  );
  return entryToFhir(entry)!;
}

function versionOf(type: string, id: string, body: unknown, ifMatch: number | undefined): number {
  const r = body as { id?: string; meta?: { versionId?: string } };
  if (r.id !== id) throw fhirErrors.idMismatch(type);
  const version = ifMatch ?? (r.meta?.versionId ? Number(r.meta.versionId) : undefined);
  if (!version || !Number.isInteger(version)) throw fhirErrors.versionRequired(type);
  return version;
}

async function updateEncounterResource(ctx: RequestContext, id: string, body: unknown, version: number) {
  const write = mapIncoming(ctx, 'Encounter', body);
  if (write.target !== 'encounter') throw fhirErrors.notSupported('This Encounter');
  const { encounter: current } = await getEncounter(ctx, id);
  if (localId(write.patientRef, 'Patient') !== current.patientId)
    throw fhirErrors.unprocessable([
      { field: 'Encounter.subject', code: 'business-rule', message: 'cannot move to another patient' },
    ]);
  if (write.enteredInError)
    return encounterToFhir(
      await asFhir('Encounter', () => markEncounterInError(ctx, id, { version, reason: FHIR_CHANGE_REASON })),
    );
  const { status, ...input } = write.input;
  let enc = await asFhir('Encounter', () =>
    updateEncounter(ctx, id, {
      ...input,
      providerId: providerOf(body),
      version,
      changeReason: FHIR_CHANGE_REASON,
    }),
  );
  if (status !== enc.status)
    enc = await asFhir('Encounter', () => changeEncounterStatus(ctx, id, { status, version: enc.version }));
  return encounterToFhir(enc);
}

/**
 * PUT <Type>/:id — a correction as a new version (reason kept), or entered-in-error when the resource says
 * so; version-aware (If-Match or meta.versionId), 412 when stale. Entries never change patient or kind.
 */
export async function updateClinical(
  ctx: RequestContext,
  type: string,
  id: string,
  body: unknown,
  ifMatch: number | undefined,
): Promise<Resource> {
  if (!isUuid(id)) throw fhirErrors.notFound(type, id);
  const version = versionOf(type, id, body, ifMatch);
  if (type === 'Encounter') return updateEncounterResource(ctx, id, body, version);
  const w = entryWrite(type, mapIncoming(ctx, type, body));
  const current = await getEntry(ctx, id);
  if (ENTRY_KIND_TYPES[current.kind as keyof typeof ENTRY_KIND_TYPES] !== type)
    throw fhirErrors.notFound(type, id);
  const rules = [
    ...(w.patientId !== current.patientId
      ? [{ field: subjectPath(type), message: 'cannot move to another patient' }]
      : []),
    ...(w.kind !== current.kind
      ? [{ field: type, message: `cannot turn a ${current.kind} into a ${w.kind}` }]
      : []),
  ];
  if (rules.length) throw fhirErrors.unprocessable(rules.map((r) => ({ ...r, code: 'business-rule' })));
  const next = await asFhir(type, () =>
    w.enteredInError
      ? markEntryInError(ctx, id, { version, reason: FHIR_CHANGE_REASON })
      : updateEntry(ctx, id, { version, reason: FHIR_CHANGE_REASON, data: w.data }),
  );
  return entryToFhir(next)!;
}
