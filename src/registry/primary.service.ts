import type { RequestContext } from '../kernel/context.ts';
import { type DbOrTx, withTransaction } from '../kernel/db.ts';
import { AppError, notFound } from '../kernel/errors.ts';
import { actorName, auditRegistry, requireRegistry, visiblePatients } from './gate.ts';
import { decidePrimary, MP_ITEMS, type MpTumour, type PrimaryDecision } from './multiple-primary.ts';
import {
  findTumour,
  insertTumourVersion,
  type TumourRow,
  tumoursOfRegistryPatient,
  updateTumourRow,
} from './registry.queries.ts';

/** The registrar's overruling of the rules' decision, with the reason (issue 14: "for the registrar to overrule"). */
export interface PrimaryOverride {
  decision: 'new_primary' | 'same_primary';
  sameAs: string | null;
  reason: string;
  by: string;
  at: string;
}

/** What `registry_tumour.primary_decision` holds: the rules' decision and any overruling, kept apart. */
export interface StoredPrimaryDecision {
  computed: PrimaryDecision;
  override: PrimaryOverride | null;
}

const asMp = (t: Pick<TumourRow, 'id' | 'items'>): MpTumour => ({
  id: t.id,
  primarySite: t.items.primarySite,
  histologicTypeIcdO3: t.items.histologicTypeIcdO3,
  behaviorCodeIcdO3: t.items.behaviorCodeIcdO3,
  laterality: t.items.laterality,
  dateOfDiagnosis: t.items.dateOfDiagnosis,
});

export const storedDecision = (t: Pick<TumourRow, 'primary_decision'>): StoredPrimaryDecision | null =>
  (t.primary_decision as StoredPrimaryDecision | null) ?? null;

/**
 * The decision to store for a tumour whose items are `items` (MP00–MP09 against the patient's other tumours),
 * keeping an earlier overruling. Returns undefined when nothing it depends on changed.
 */
export async function primaryDecisionFor(
  trx: DbOrTx,
  t: TumourRow,
  items: Record<string, string>,
  changed: string[],
): Promise<StoredPrimaryDecision | undefined> {
  const before = storedDecision(t);
  if (before && !changed.some((id) => MP_ITEMS.includes(id))) return undefined;
  const others = await tumoursOfRegistryPatient(trx, t.registry_patient_id);
  const computed = decidePrimary(asMp({ id: t.id, items }), others.map(asMp));
  return { computed, override: before?.override ?? null };
}

/**
 * Overrules the multiple-primary decision of a tumour (registry:write): `same_primary` names the tumour of the
 * same patient it belongs with. Versioned (a version naming `primaryDecision`) and audited.
 */
export async function overrulePrimary(
  ctx: RequestContext,
  id: string,
  body: { version: number; decision: 'new_primary' | 'same_primary'; sameAs?: string; reason: string },
): Promise<void> {
  await requireRegistry(ctx, 'registry:write');
  await withTransaction(ctx.db, async (trx) => {
    const t = await findTumour(trx, id, true);
    if (!t) throw notFound('The tumour');
    if (t.patient_id && !(await visiblePatients(ctx, trx, [t.patient_id])).has(t.patient_id))
      throw notFound('The tumour');
    if (t.version !== body.version)
      throw new AppError(
        'REGISTRY_VERSION_CONFLICT',
        `The abstract was changed by someone else (version ${t.version}, you edited ${body.version}). Reload it.`,
        409,
        { current: t.version },
      );
    let sameAs: string | null = null;
    if (body.decision === 'same_primary') {
      const others = await tumoursOfRegistryPatient(trx, t.registry_patient_id);
      const match = others.find((o) => o.id === body.sameAs && o.id !== t.id);
      if (!match)
        throw new AppError(
          'REGISTRY_PRIMARY_INVALID',
          'A same-primary decision must name another tumour of the same patient in sameAs.',
          422,
          { sameAs: body.sameAs ?? null },
        );
      sameAs = match.id;
    }
    const now = ctx.clock.now();
    const by = actorName(ctx);
    const current = storedDecision(t) ?? (await primaryDecisionFor(trx, t, t.items, MP_ITEMS));
    const stored: StoredPrimaryDecision = {
      computed: (current as StoredPrimaryDecision).computed,
      override: { decision: body.decision, sameAs, reason: body.reason, by, at: now.toISOString() },
    };
    const saved = await updateTumourRow(trx, id, {
      items: t.items,
      primary_decision: stored as unknown as Record<string, unknown>,
      updated_by: by,
      updated_at: now,
    });
    await insertTumourVersion(trx, saved, ['primaryDecision'], by, now);
    await auditRegistry(
      trx,
      ctx,
      'registry.primary_overrule',
      t.patient_id ? [t.patient_id] : [],
      { version: saved.version, rule: stored.computed.rule, decision: body.decision },
      { type: 'RegistryTumour', id },
    );
  });
}
