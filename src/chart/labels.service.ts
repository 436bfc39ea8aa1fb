import { assertCanSeePatient, denyLabelledItem, labelVisibility, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { notFound, validationFailed } from '../kernel/errors.ts';
import { findDocument, findEntry } from './chart.queries.ts';
import {
  activeItemLabels,
  insertItemLabel,
  type LabelledEntity,
  patientsWithItemLabels,
  removeItemLabel,
} from './labels.queries.ts';

/**
 * Sensitivity labels for single entries and documents (issue 6). Each carries its own release rule:
 * psychotherapy notes 45 CFR 164.508(a)(2); substance use disorder records 42 CFR Part 2 (2.31 consent);
 * behavioural health, HIV/STI, reproductive and genetic information under state law and facility policy.
 */
export const ITEM_LABELS = [
  'psychotherapy',
  'substance_use_part2',
  'behavioral_health',
  'hiv_sti',
  'reproductive',
  'genetic',
] as const;
export type ItemLabel = (typeof ITEM_LABELS)[number];

/** Ids of this patient's labelled items the actor may not see (empty, cheaply, when nothing is labelled). */
export async function hiddenItems(ctx: RequestContext, db: DbOrTx, patientId: string): Promise<Set<string>> {
  const labels = await activeItemLabels(db, patientId);
  if (labels.length === 0) return new Set();
  const visible = await labelVisibility(ctx, db, patientId);
  return new Set(labels.filter((l) => !visible(l.label)).map((l) => l.entity_id));
}

/**
 * Hidden item ids across many patients, for searches and exports that span patients (/fhir search, bulk
 * export): labels are enforced on every path that shows or exports data, not only on the chart screens.
 */
export async function hiddenItemsOf(
  ctx: RequestContext,
  db: DbOrTx,
  patientIds: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of await patientsWithItemLabels(db, [...new Set(patientIds)]))
    for (const item of await hiddenItems(ctx, db, id)) out.add(item);
  return out;
}

/** Refuses (and audits) the read of one item the actor may not see because of its labels. */
export async function assertItemVisible(
  ctx: RequestContext,
  db: DbOrTx,
  patientId: string,
  entity: LabelledEntity,
  id: string,
): Promise<void> {
  if ((await hiddenItems(ctx, db, patientId)).has(id))
    await denyLabelledItem(ctx, patientId, `chart_${entity}`, id);
}

/** A stored document's owner, type and content hash (for domains that link to a scan, e.g. ROI). */
export async function documentFingerprint(db: DbOrTx, id: string) {
  const row = await findDocument(db, id);
  return row ? { patientId: row.patient_id, documentType: row.document_type, sha256: row.sha256 } : undefined;
}

/** Every active label of a patient's items, for release rules (no actor filter: the caller decides). */
export async function itemLabelsOf(db: DbOrTx, patientId: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const l of await activeItemLabels(db, patientId))
    out.set(l.entity_id, [...(out.get(l.entity_id) ?? []), l.label]);
  return out;
}

async function openItem(ctx: RequestContext, trx: DbOrTx, entity: LabelledEntity, id: string) {
  const row = entity === 'entry' ? await findEntry(trx, id) : await findDocument(trx, id);
  if (!row) throw notFound(entity === 'entry' ? 'The chart entry' : 'The document');
  await assertCanSeePatient(ctx, trx, row.patient_id, 'chart:write');
  await assertItemVisible(ctx, trx, row.patient_id, entity, id);
  return row;
}

function checkLabelInput(label: string, reason: string) {
  const issues = [];
  if (!(ITEM_LABELS as readonly string[]).includes(label))
    issues.push({ field: 'label', message: `must be one of ${ITEM_LABELS.join(', ')}` });
  if (reason.trim().length < 3) issues.push({ field: 'reason', message: 'say why (at least 3 characters)' });
  if (issues.length) throw validationFailed(issues);
}

/** Labels an entry or document as sensitive; the change is audited (who, when, which label, why). */
export async function setItemLabel(
  ctx: RequestContext,
  entity: LabelledEntity,
  id: string,
  body: { label: string; reason: string },
): Promise<{ labels: string[] }> {
  checkLabelInput(body.label, body.reason);
  return withTransaction(ctx.db, async (trx) => {
    const row = await openItem(ctx, trx, entity, id);
    await insertItemLabel(trx, {
      patient_id: row.patient_id,
      entity_type: entity,
      entity_id: id,
      label: body.label,
      reason: body.reason.trim(),
      set_by: ctx.actor?.userId ?? '',
      set_at: ctx.clock.now(),
    });
    const labels = (await itemLabelsOf(trx, row.patient_id)).get(id) ?? [];
    await recordAudit(trx, ctx, {
      action: 'chart.label.set',
      patientIds: [row.patient_id],
      resourceType: `chart_${entity}`,
      resourceId: id,
      details: { label: body.label },
    });
    return { labels };
  });
}

/** Removes a label (the label row keeps who removed it, when and why). */
export async function clearItemLabel(
  ctx: RequestContext,
  entity: LabelledEntity,
  id: string,
  body: { label: string; reason: string },
): Promise<{ labels: string[] }> {
  checkLabelInput(body.label, body.reason);
  return withTransaction(ctx.db, async (trx) => {
    const row = await openItem(ctx, trx, entity, id);
    const by = ctx.actor?.userId ?? '';
    if (!(await removeItemLabel(trx, entity, id, body.label, by, ctx.clock.now(), body.reason.trim())))
      throw validationFailed([{ field: 'label', message: 'is not set on this item' }]);
    const labels = (await itemLabelsOf(trx, row.patient_id)).get(id) ?? [];
    await recordAudit(trx, ctx, {
      action: 'chart.label.remove',
      patientIds: [row.patient_id],
      resourceType: `chart_${entity}`,
      resourceId: id,
      details: { label: body.label },
    });
    return { labels };
  });
}

/** The labels on a patient's items that the actor may see (hidden items are not listed at all). */
export async function listItemLabels(ctx: RequestContext, patientId: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const hidden = await hiddenItems(ctx, trx, patientId);
    const rows = (await activeItemLabels(trx, patientId)).filter((l) => !hidden.has(l.entity_id));
    await recordAudit(trx, ctx, {
      action: 'chart.label.list',
      patientIds: [patientId],
      details: { count: rows.length },
    });
    return {
      items: rows.map((l) => ({
        entityType: l.entity_type,
        entityId: l.entity_id,
        label: l.label,
        reason: l.reason,
        setAt: l.set_at.toISOString(),
      })),
    };
  });
}
