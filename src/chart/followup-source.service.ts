import { recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden } from '../kernel/errors.ts';
import { type LatestContactRow, latestContactRows } from './followup-source.queries.ts';

export type LatestContact = { kind: LatestContactRow['kind']; id: string; day: string };

/**
 * Each patient's latest encounter and latest result up to `until`, for the cancer registry's passive
 * follow-up (issue 14: "any later encounter, result … updates the date of last contact"): the registry reads
 * the chart only through here. Needs `registry:read` (a CLI or job context acts as the registry); one audit
 * event naming the patients read.
 * @returns per patient id, its latest contacts (an encounter and/or a result)
 */
export async function latestContactsForFollowup(
  ctx: RequestContext,
  db: DbOrTx,
  patientIds: string[],
  until: Date,
): Promise<Map<string, LatestContact[]>> {
  if (ctx.actor && !ctx.actor.permissions.has('registry:read')) {
    await recordDenied(ctx, { action: 'chart.followup_read', details: { permission: 'registry:read' } });
    throw forbidden('Passive follow-up needs the cancer registry permission.');
  }
  const rows = await latestContactRows(db, [...new Set(patientIds)], until);
  const out = new Map<string, LatestContact[]>();
  for (const r of rows)
    out.set(r.patient_id, [...(out.get(r.patient_id) ?? []), { kind: r.kind, id: r.id, day: r.day }]);
  if (rows.length > 0)
    await recordAudit(db, ctx, {
      action: 'chart.followup_read',
      patientIds: [...out.keys()],
      details: { contacts: rows.length },
    });
  return out;
}
