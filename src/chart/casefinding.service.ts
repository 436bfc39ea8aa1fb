import { recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden } from '../kernel/errors.ts';
import { entriesChangedPage } from './chart.queries.ts';

export interface CasefindingEntry {
  id: string;
  patientId: string;
  kind: 'problem' | 'result' | 'note';
  data: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Problem-list entries, results and notes for cancer registry case finding (issue 14): the registry reads the
 * chart only through here. Needs `registry:read` (a CLI or job context acts as the registry); one audit
 * event a page naming the patients.
 */
export async function entriesForCasefinding(
  ctx: RequestContext,
  db: DbOrTx,
  page: {
    kinds: CasefindingEntry['kind'][];
    since: Date | null;
    after: { at: Date; id: string } | null;
    limit: number;
  },
): Promise<CasefindingEntry[]> {
  if (ctx.actor && !ctx.actor.permissions.has('registry:read')) {
    await recordDenied(ctx, { action: 'chart.casefinding_read', details: { permission: 'registry:read' } });
    throw forbidden('Case finding needs the cancer registry permission.');
  }
  const rows = await entriesChangedPage(db, page.kinds, page.since, page.after, page.limit);
  if (rows.length > 0)
    await recordAudit(db, ctx, {
      action: 'chart.casefinding_read',
      patientIds: [...new Set(rows.map((r) => r.patient_id))],
      details: { entries: rows.length, kinds: page.kinds },
    });
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    kind: r.kind as CasefindingEntry['kind'],
    data: r.data,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}
