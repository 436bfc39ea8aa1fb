import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { patientErrors } from './errors.ts';
import {
  bumpVersion,
  findMerge,
  insertMerge,
  lockPatients,
  markUnmerged,
  mergesOf,
  setMerged,
  setPairStatus,
} from './merge.queries.ts';
import { actorName, loadOut, recordVersion } from './patients.service.ts';

type Trx = Parameters<Parameters<typeof withTransaction>[1]>[0];

async function versionBoth(
  ctx: RequestContext,
  trx: Trx,
  ids: string[],
  action: string,
  reason: string | null,
) {
  for (const id of ids) {
    const out = await loadOut(ctx, trx, id);
    await recordVersion(ctx, trx, out, action, ['status', 'mergedInto', 'identifiers'], reason);
  }
}

/**
 * Merges a duplicate into the surviving record: every domain's merge handler (ctx.hooks, collected in
 * src/app.ts) moves the retired record's data (identifiers here; the chart's, coding's… through theirs), the retired record is marked merged and
 * points at the survivor (so its MRN keeps resolving), and the merge remembers exactly what moved so it
 * can be undone. One transaction, fully audited.
 */
export async function mergePatients(
  ctx: RequestContext,
  input: { survivorId: string; retiredId: string; reason?: string | null | undefined },
) {
  if (input.survivorId === input.retiredId) throw patientErrors.mergeIntoSelf();
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, input.survivorId, 'patient:merge');
    await assertCanSeePatient(ctx, trx, input.retiredId, 'patient:merge');
    const rows = await lockPatients(trx, [input.survivorId, input.retiredId]);
    if (rows.length !== 2) throw patientErrors.notFound();
    if (rows.some((r) => r.status === 'merged')) throw patientErrors.mergeRetired();
    const now = ctx.clock.now();
    const by = actorName(ctx);
    const moved: Record<string, string[]> = {};
    for (const h of ctx.hooks.mergeHandlers)
      moved[h.name] = await h.move(trx, input.survivorId, input.retiredId, {
        at: now,
        by,
        userId: ctx.actor?.userId ?? null,
      });
    await setMerged(trx, input.retiredId, input.survivorId, now, by);
    await bumpVersion(trx, input.survivorId, now, by);
    const mergeId = await insertMerge(trx, {
      survivor_id: input.survivorId,
      retired_id: input.retiredId,
      reason: input.reason ?? null,
      merged_at: now,
      merged_by: by,
      moved: JSON.stringify(moved),
    });
    await setPairStatus(trx, input.survivorId, input.retiredId, 'merged', now, by);
    await versionBoth(ctx, trx, [input.retiredId, input.survivorId], 'merge', input.reason ?? null);
    await recordAudit(trx, ctx, {
      action: 'patient.merge',
      patientIds: [input.survivorId, input.retiredId],
      resourceType: 'PatientMerge',
      resourceId: mergeId,
      details: { moved: Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, v.length])) },
    });
    return { mergeId, survivorId: input.survivorId, retiredId: input.retiredId };
  });
}

/** Undoes a merge: exactly the rows that moved go back, the retired record is active again. */
export async function unmergePatients(ctx: RequestContext, mergeId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const m = await findMerge(trx, mergeId, true);
    if (!m) throw patientErrors.mergeNotFound();
    await assertCanSeePatient(ctx, trx, m.survivor_id, 'patient:merge');
    await assertCanSeePatient(ctx, trx, m.retired_id, 'patient:merge');
    if (m.unmerged_at) throw patientErrors.notMerged();
    const rows = await lockPatients(trx, [m.survivor_id, m.retired_id]);
    if (rows.find((r) => r.id === m.survivor_id)?.status === 'merged') throw patientErrors.unmergeBlocked();
    const now = ctx.clock.now();
    const by = actorName(ctx);
    for (const h of [...ctx.hooks.mergeHandlers].reverse())
      await h.restore(trx, m.retired_id, m.moved[h.name] ?? [], m.survivor_id, {
        at: now,
        by,
        userId: ctx.actor?.userId ?? null,
      });
    await setMerged(trx, m.retired_id, null, now, by);
    await bumpVersion(trx, m.survivor_id, now, by);
    await markUnmerged(trx, m.id, now, by);
    await setPairStatus(trx, m.survivor_id, m.retired_id, 'open', null, null);
    await versionBoth(ctx, trx, [m.retired_id, m.survivor_id], 'unmerge', null);
    await recordAudit(trx, ctx, {
      action: 'patient.unmerge',
      patientIds: [m.survivor_id, m.retired_id],
      resourceType: 'PatientMerge',
      resourceId: m.id,
    });
    return { mergeId: m.id, survivorId: m.survivor_id, retiredId: m.retired_id };
  });
}

/** Merges that involve this patient (for the face sheet's unmerge action). */
export async function patientMerges(ctx: RequestContext, patientId: string) {
  return withTransaction(ctx.db, async (trx) => {
    await assertCanSeePatient(ctx, trx, patientId, 'patient:read');
    const rows = await mergesOf(trx, patientId);
    await recordAudit(trx, ctx, { action: 'patient.merges.read', patientIds: [patientId] });
    return {
      merges: rows.map((m) => ({
        id: m.id,
        survivorId: m.survivor_id,
        retiredId: m.retired_id,
        reason: m.reason,
        mergedAt: m.merged_at.toISOString(),
        mergedBy: m.merged_by,
        unmergedAt: m.unmerged_at?.toISOString() ?? null,
        unmergedBy: m.unmerged_by,
      })),
    };
  });
}
