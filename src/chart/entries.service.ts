import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { AppError, type FieldIssue, notFound, validationFailed } from '../kernel/errors.ts';
import {
  type EntryRow,
  findEncounter,
  findEntry,
  findPatient,
  insertEntry,
  listEntries,
  listVersions,
  updateEntry as updateEntryRow,
} from './chart.queries.ts';
import type { ChartEntry } from './chart.schemas.ts';
import { entryToApi, versionToApi } from './chart-mappers.ts';
import { abnormalFlag, crossFieldIssues } from './chart-rules.ts';
import { COLLECTIONS, type Collection, ENCOUNTER_KINDS, ENTRY_KINDS, type EntryKind } from './entry-kinds.ts';
import { chartErrors } from './errors.ts';
import { assertItemVisible, hiddenItems } from './labels.service.ts';
import { recordChanged } from './record-change.ts';
import { conflictError, keepVersion, snapshotOf } from './versioning.ts';

/** Validates an entry's fields against its kind; every field at fault is reported at once. */
export function parseEntryData(kind: EntryKind, data: Record<string, unknown>, extra: FieldIssue[] = []) {
  const parsed = ENTRY_KINDS[kind].safeParse(data);
  const issues = [...extra];
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      issues.push({ field: ['data', ...i.path].join('.'), message: i.message });
  } else issues.push(...crossFieldIssues(kind, parsed.data as Record<string, unknown>));
  if (issues.length > 0 || !parsed.success) throw validationFailed(issues);
  return parsed.data as Record<string, unknown>;
}

/** Fields the server fills in rather than trusting the client (derived flags, reviewer and time). */
function derive(ctx: RequestContext, kind: EntryKind, data: Record<string, unknown>) {
  if (kind === 'result') {
    const flag = abnormalFlag(data as never);
    return flag ? { ...data, abnormalFlag: flag } : data;
  }
  if (kind === 'med_reconciliation')
    return { ...data, reviewedBy: ctx.actor?.username ?? '', reviewedAt: ctx.clock.now().toISOString() };
  return data;
}

const audit = (action: string, e: { id: string; patient_id: string }, details?: Record<string, unknown>) => ({
  action,
  patientIds: [e.patient_id],
  resourceType: 'chart_entry',
  resourceId: e.id,
  ...(details ? { details } : {}),
});

/** Records a new entry in one of the chart's collections (history, medications, allergies, results…). */
export async function createEntry(
  ctx: RequestContext,
  patientId: string,
  collection: Collection,
  body: { kind: EntryKind; encounterId?: string | undefined; data: Record<string, unknown> },
): Promise<ChartEntry> {
  if (!(COLLECTIONS[collection] as readonly string[]).includes(body.kind))
    throw chartErrors.wrongCollection(body.kind, collection);
  const extra: FieldIssue[] =
    ENCOUNTER_KINDS.has(body.kind) && !body.encounterId
      ? [{ field: 'encounterId', message: `is required: a ${body.kind} is an outcome of a visit` }]
      : [];
  const data = derive(ctx, body.kind, parseEntryData(body.kind, body.data, extra));
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:write');
    if (!(await findPatient(trx, patientId))) throw notFound('The patient');
    if (body.encounterId) {
      const enc = await findEncounter(trx, body.encounterId);
      if (enc?.patient_id !== patientId)
        throw validationFailed([{ field: 'encounterId', message: 'is not an encounter of this patient' }]);
    }
    const now = ctx.clock.now();
    const by = ctx.actor?.userId ?? '';
    const row = await insertEntry(trx, {
      patient_id: patientId,
      kind: body.kind,
      encounter_id: body.encounterId ?? null,
      data,
      entered_in_error_reason: null,
      created_by: by,
      created_at: now,
      updated_by: by,
      updated_at: now,
    });
    const api = entryToApi(row);
    await keepVersion(trx, ctx, versionArgs(row, undefined, api, null));
    await recordChanged(trx, ctx, row.encounter_id);
    await recordAudit(trx, ctx, audit('chart.entry.create', row, { kind: body.kind }));
    return api;
  });
}

const versionArgs = (
  row: EntryRow,
  before: ChartEntry | undefined,
  after: ChartEntry,
  reason: string | null,
) => ({
  entity: 'entry' as const,
  id: row.id,
  patientId: row.patient_id,
  version: row.version,
  before: before ? snapshotOf(before) : undefined,
  after: snapshotOf(after),
  reason,
});

/** Opens an entry for change after the access check; entered-in-error entries are frozen. */
async function openForChange(ctx: RequestContext, trx: Parameters<typeof findEntry>[0], id: string) {
  const row = await findEntry(trx, id, true);
  if (!row) throw notFound('The chart entry');
  await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:write');
  await assertItemVisible(ctx, trx, row.patient_id, 'entry', id);
  if (row.entered_in_error) throw chartErrors.enteredInError();
  return row;
}

/**
 * Corrects an entry: a new version with the reason; the old one stays in the history. A final note is
 * corrected by an addendum (a later issue), not by rewriting it, so only drafts are editable.
 */
export async function updateEntry(
  ctx: RequestContext,
  id: string,
  body: { version: number; reason: string; data: Record<string, unknown> },
): Promise<ChartEntry> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openForChange(ctx, trx, id);
    if (row.kind === 'note' && row.data.status === 'final')
      throw new AppError('NOTE_FINAL', 'A final note cannot be rewritten; add an addendum instead.', 409);
    const data = derive(ctx, row.kind as EntryKind, parseEntryData(row.kind as EntryKind, body.data));
    const next = await updateEntryRow(trx, id, body.version, {
      data,
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'entry', id, body.version);
    const api = entryToApi(next);
    const fields = await keepVersion(trx, ctx, versionArgs(next, entryToApi(row), api, body.reason));
    await recordChanged(trx, ctx, next.encounter_id);
    await recordAudit(trx, ctx, audit('chart.entry.update', next, { changedFields: fields }));
    return api;
  });
}

/** Marks an entry entered-in-error with a reason: it stays visible, flagged, in the chart and its history. */
export async function markEntryInError(
  ctx: RequestContext,
  id: string,
  body: { version: number; reason: string },
): Promise<ChartEntry> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await openForChange(ctx, trx, id);
    const next = await updateEntryRow(trx, id, body.version, {
      entered_in_error: true,
      entered_in_error_reason: body.reason,
      updated_by: ctx.actor?.userId ?? '',
      updated_at: ctx.clock.now(),
    });
    if (!next) throw await conflictError(trx, 'entry', id, body.version);
    const api = entryToApi(next);
    await keepVersion(trx, ctx, versionArgs(next, entryToApi(row), api, body.reason));
    await recordChanged(trx, ctx, next.encounter_id);
    await recordAudit(trx, ctx, audit('chart.entry.entered_in_error', next));
    return api;
  });
}

/** One page of a collection, optionally narrowed to a kind, a test code (trends) or a visit. */
export async function listCollection(
  ctx: RequestContext,
  patientId: string,
  collection: Collection,
  q: {
    limit: number;
    offset: number;
    kind?: EntryKind | undefined;
    code?: string | undefined;
    encounterId?: string | undefined;
  },
) {
  const kinds = q.kind
    ? [q.kind].filter((k) => (COLLECTIONS[collection] as readonly string[]).includes(k))
    : COLLECTIONS[collection];
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const excludeIds = [...(await hiddenItems(ctx, trx, patientId))];
    const { rows, total } = await listEntries(trx, patientId, { ...q, kinds, excludeIds });
    await recordAudit(trx, ctx, {
      action: 'chart.entry.list',
      patientIds: [patientId],
      resourceType: 'chart_entry',
      details: { collection, count: rows.length },
    });
    return { items: rows.map(entryToApi), total };
  });
}

export async function getEntry(ctx: RequestContext, id: string): Promise<ChartEntry> {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findEntry(trx, id);
    if (!row) throw notFound('The chart entry');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
    await assertItemVisible(ctx, trx, row.patient_id, 'entry', id);
    await recordAudit(trx, ctx, audit('chart.entry.read', row));
    return entryToApi(row);
  });
}

/** Every version of an entry, newest first. */
export async function entryVersions(ctx: RequestContext, id: string) {
  return withTransaction(ctx.db, async (trx) => {
    const row = await findEntry(trx, id);
    if (!row) throw notFound('The chart entry');
    await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:read');
    await assertItemVisible(ctx, trx, row.patient_id, 'entry', id);
    const items = (await listVersions(trx, 'entry', id)).map(versionToApi);
    await recordAudit(trx, ctx, audit('chart.entry.history', row));
    return { items };
  });
}
