import { assertCanSeePatient, recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { notFound } from '../kernel/errors.ts';
import { openQueryRows } from './clinician-query.queries.ts';
import { openOf } from './deficiency.queries.ts';
import { encounterOwner } from './record-refs.queries.ts';

export type ChartStatus = 'incomplete' | 'complete' | 'coded' | 'final';

/**
 * Where a chart stands (issue 5): incomplete while any deficiency is open; complete when none is; coded
 * once coding is done; final when coded and no clinician query is still open (open queries hold it).
 */
export function chartStatusOf(openDeficiencies: number, openQueries: number, coded: boolean): ChartStatus {
  if (openDeficiencies > 0) return 'incomplete';
  if (!coded) return 'complete';
  return openQueries > 0 ? 'coded' : 'final';
}

export async function encounterChartStatus(ctx: RequestContext, encounterId: string) {
  return withTransaction(ctx.db, async (trx) => {
    const patientId = await encounterOwner(trx, encounterId);
    if (!patientId) throw notFound('The encounter');
    await assertCanSeePatient(ctx, trx, patientId, 'chart:read');
    const [defs, queries, coded] = await Promise.all([
      openOf(trx, [encounterId]),
      openQueryRows(trx, encounterId),
      ctx.hooks.chartStatus.coded(trx, [encounterId]),
    ]);
    await recordAudit(trx, ctx, {
      action: 'completion.chart_status.read',
      patientIds: [patientId],
      resourceType: 'chart_encounter',
      resourceId: encounterId,
    });
    return {
      encounterId,
      patientId,
      status: chartStatusOf(defs.length, queries.length, coded.has(encounterId)),
      openDeficiencies: defs.length,
      openQueries: queries.length,
      coded: coded.has(encounterId),
    };
  });
}
