import { assertCanSeePatient, grantCareRelationship, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import {
  type EncounterRow,
  entriesOfEncounter,
  findEncounter,
  findPatient,
  insertEncounter,
  listEncounters as listEncounterRows,
  listVersions,
  updateEncounter as updateEncounterRow,
  userExists,
} from './chart.queries.ts';
import type { Encounter } from './chart.schemas.ts';
import type { EncounterStatus } from './chart.tables.ts';
import { encounterToApi, entryToApi, versionToApi } from './chart-mappers.ts';
import { canTransition } from './chart-rules.ts';
import { chartErrors } from './errors.ts';
import { hiddenItems } from './labels.service.ts';
import { recordChanged } from './record-change.ts';
import { conflictError, keepVersion, snapshotOf } from './versioning.ts';

export interface EncounterInput {
  class: 'appointment' | 'inpatient';
  type: string;
  startsAt: string;
  providerId: string;
  location: string;
  reason: string;
  dischargedAt?: string | undefined;
  dischargeDisposition?: string | undefined;
  disposition?: string | undefined;
  followUp?: string | undefined;
}

/** Checks that need the database or several fields; all faults are reported together. */
async function checkEncounter(db: DbOrTx, input: EncounterInput): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.class === 'appointment' && (input.dischargedAt || input.dischargeDisposition))
    issues.push({ field: 'dischargedAt', message: 'applies only to inpatient stays' });
  if (input.dischargedAt && Date.parse(input.dischargedAt) < Date.parse(input.startsAt))
    issues.push({ field: 'dischargedAt', message: 'must not be before the admission' });
  if (input.dischargedAt && !input.dischargeDisposition)
    issues.push({ field: 'dischargeDisposition', message: 'is required once the patient is discharged' });
  if (!(await userExists(db, input.providerId)))
    issues.push({ field: 'providerId', message: 'is not a known user' });
  if (issues.length > 0) throw validationFailed(issues);
}

const dataOf = (i: EncounterInput) => ({
  type: i.type,
  location: i.location,
  reason: i.reason,
  dischargedAt: i.dischargedAt ?? null,
  dischargeDisposition: i.dischargeDisposition ?? null,
  disposition: i.disposition ?? null,
  followUp: i.followUp ?? null,
});

const audit = (action: string, e: EncounterRow, details?: Record<string, unknown>) => ({
  action,
  patientIds: [e.patient_id],
  resourceType: 'chart_encounter',
  resourceId: e.id,
  ...(details ? { details } : {}),
});

const version = (row: EncounterRow, before: Encounter | undefined, reason: string | null) => ({
  entity: 'encounter' as const,
  id: row.id,
  patientId: row.patient_id,
  version: row.version,
  before: before ? snapshotOf(before) : undefined,
  after: snapshotOf(encounterToApi(row)),
  reason,
});

/**
 * Schedules an appointment or records an inpatient stay. The provider becomes the patient's attending
 * clinician for access purposes (a care relationship, docs/access.md).
 */
export async function createEncounter(
  ctx: RequestContext,
  patientId: string,
  input: EncounterInput,
): Promise<Encounter> {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:write');
    await checkEncounter(trx, input);
    if (!(await findPatient(trx, patientId))) throw notFound('The patient');
    const now = ctx.clock.now();
    const by = ctx.actor?.userId ?? '';
    const row = await insertEncounter(trx, {
      patient_id: patientId,
      class: input.class,
      status: 'scheduled',
      data: dataOf(input),
      provider_id: input.providerId,
      starts_at: new Date(input.startsAt),
      entered_in_error_reason: null,
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    });
    await grantCareRelationship(trx, {
      userId: input.providerId,
      patientId,
      kind: 'attending',
      validFrom: now,
      source: `encounter:${row.id}`,
    });
    await keepVersion(trx, ctx, version(row, undefined, null));
    await recordChanged(trx, ctx, row.id);
    await recordAudit(trx, ctx, audit('chart.encounter.create', row, { class: input.class }));
    return encounterToApi(row);
  });
}

async function openEncounter(
  ctx: RequestContext,
  db: DbOrTx,
  id: string,
  permission: 'chart:read' | 'chart:write',
) {
  const row = await findEncounter(db, id);
  if (!row) throw notFound('The encounter');
  await assertCanSeePatient(ctx, db, row.patient_id, permission);
  if (permission === 'chart:write' && row.entered_in_error) throw chartErrors.enteredInError();
  return row;
}

/** Changes the visit's details or outcome (disposition, follow-up, discharge) as a new version. */
export async function updateEncounter(
  ctx: RequestContext,
  id: string,
  input: EncounterInput & { version: number; changeReason: string },
): Promise<Encounter> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openEncounter(ctx, trx, id, 'chart:write');
    await checkEncounter(trx, input);
    const next = await updateEncounterRow(trx, id, input.version, {
      data: dataOf(input),
      class: input.class,
      provider_id: input.providerId,
      starts_at: new Date(input.startsAt),
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'encounter', id, input.version);
    const fields = await keepVersion(trx, ctx, version(next, encounterToApi(row), input.changeReason));
    await recordChanged(trx, ctx, next.id);
    await recordAudit(trx, ctx, audit('chart.encounter.update', next, { changedFields: fields }));
    return encounterToApi(next);
  });
}

/** Moves the visit along its life cycle; invalid moves answer 409 (chart-rules ENCOUNTER_TRANSITIONS). */
export async function changeEncounterStatus(
  ctx: RequestContext,
  id: string,
  body: { status: EncounterStatus; version: number },
): Promise<Encounter> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openEncounter(ctx, trx, id, 'chart:write');
    if (!canTransition(row.status, body.status)) throw chartErrors.invalidTransition(row.status, body.status);
    const next = await updateEncounterRow(trx, id, body.version, {
      status: body.status,
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'encounter', id, body.version);
    await keepVersion(trx, ctx, version(next, encounterToApi(row), `status ${body.status}`));
    await recordChanged(trx, ctx, next.id);
    await recordAudit(trx, ctx, audit('chart.encounter.status', next, { from: row.status, to: body.status }));
    return encounterToApi(next);
  });
}

/** Marks a wrongly recorded encounter entered-in-error; it stays visible with the reason. */
export async function markEncounterInError(
  ctx: RequestContext,
  id: string,
  body: { version: number; reason: string },
) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openEncounter(ctx, trx, id, 'chart:write');
    const next = await updateEncounterRow(trx, id, body.version, {
      entered_in_error: true,
      entered_in_error_reason: body.reason,
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'encounter', id, body.version);
    await keepVersion(trx, ctx, version(next, encounterToApi(row), body.reason));
    await recordChanged(trx, ctx, next.id);
    await recordAudit(trx, ctx, audit('chart.encounter.entered_in_error', next));
    return encounterToApi(next);
  });
}

/** The encounter page: the visit and every outcome recorded against it. */
export async function getEncounter(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openEncounter(ctx, trx, id, 'chart:read');
    const hidden = await hiddenItems(ctx, trx, row.patient_id);
    const outcomes = (await entriesOfEncounter(trx, id)).filter((e) => !hidden.has(e.id)).map(entryToApi);
    await recordAudit(trx, ctx, audit('chart.encounter.read', row));
    return { encounter: encounterToApi(row), outcomes };
  });
}

export async function listEncounters(
  ctx: RequestContext,
  patientId: string,
  q: { limit: number; offset: number },
) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const { rows, total } = await listEncounterRows(trx, patientId, q.limit, q.offset);
    await recordAudit(trx, ctx, {
      action: 'chart.encounter.list',
      patientIds: [patientId],
      resourceType: 'chart_encounter',
      details: { count: rows.length },
    });
    return { items: rows.map(encounterToApi), total };
  });
}

export async function encounterVersions(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openEncounter(ctx, trx, id, 'chart:read');
    const items = (await listVersions(trx, 'encounter', id)).map(versionToApi);
    await recordAudit(trx, ctx, audit('chart.encounter.history', row));
    return { items };
  });
}
