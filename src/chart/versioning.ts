import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { insertVersion, listVersions } from './chart.queries.ts';
import type { VersionedEntity } from './chart.tables.ts';
import { changedFields } from './chart-rules.ts';
import { chartErrors } from './errors.ts';

/**
 * Appends the new state of an entity to its history: who, when, what changed, why (issue 4; the legal
 * record is versioned, DESIGN invariant 3).
 * @param before - the previous API snapshot, or undefined for a creation (every field counts as changed)
 */
export async function keepVersion(
  trx: DbOrTx,
  ctx: RequestContext,
  v: {
    entity: VersionedEntity;
    id: string;
    patientId: string;
    version: number;
    before: Record<string, unknown> | undefined;
    after: Record<string, unknown>;
    reason: string | null;
  },
): Promise<string[]> {
  const fields = v.before ? changedFields(v.before, v.after) : Object.keys(v.after).sort();
  await insertVersion(trx, {
    patient_id: v.patientId,
    entity_type: v.entity,
    entity_id: v.id,
    version: v.version,
    snapshot: v.after,
    changed_fields: fields,
    reason: v.reason,
    changed_by: ctx.actor?.userId ?? '00000000-0000-0000-0000-000000000000',
    changed_at: ctx.clock.now(),
  });
  return fields;
}

/** The 409 for a stale edit: which fields others changed since the caller's version, by whom and when. */
export async function conflictError(db: DbOrTx, entity: VersionedEntity, id: string, expected: number) {
  const newer = (await listVersions(db, entity, id)).filter((v) => v.version > expected);
  const latest = newer[0];
  const fields = [...new Set(newer.flatMap((v) => v.changed_fields))].sort();
  return chartErrors.versionConflict(
    latest?.version ?? expected,
    fields,
    latest?.changed_by ?? '',
    latest?.changed_at.toISOString() ?? '',
  );
}

/** Bookkeeping fields left out when comparing snapshots (they change on every write). */
export const snapshotOf = (api: Record<string, unknown>): Record<string, unknown> => {
  const { version: _v, updatedAt: _u, updatedBy: _b, allowedTransitions: _t, ...rest } = api;
  return rest;
};
