import { recordAudit } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { validationFailed } from '../kernel/errors.ts';
import { delinquencyLines, type OpenItem } from './delinquency.ts';
import { dischargesInPeriod, openOnDischarges, userNames } from './report.queries.ts';

const UNASSIGNED = 'unassigned';

/**
 * The delinquency report for discharges in [from, to): per clinician and per service, open and past-due
 * deficiencies, average days open, delinquent charts and the delinquency rate (delinquent charts /
 * discharges; The Joint Commission RC.01.04.01 asks hospitals to measure it). Counts only, no patient.
 */
export async function delinquencyReport(ctx: RequestContext, q: { from: string; to: string }) {
  const from = new Date(`${q.from}T00:00:00Z`);
  const to = new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000);
  if (to <= from) throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (trx) => {
    const [discharges, open] = await Promise.all([
      dischargesInPeriod(trx, from, to),
      openOnDischarges(trx, from, to),
    ]);
    const byClinicianDischarges = new Map<string, number>();
    const byServiceDischarges = new Map<string, number>();
    for (const d of discharges) {
      const c = d.provider_id ?? UNASSIGNED;
      const s = d.service ?? UNASSIGNED;
      byClinicianDischarges.set(c, (byClinicianDischarges.get(c) ?? 0) + Number(d.n));
      byServiceDischarges.set(s, (byServiceDischarges.get(s) ?? 0) + Number(d.n));
    }
    const item = (key: string | null, o: (typeof open)[number]): OpenItem => ({
      encounterId: o.encounter_id,
      key: key ?? UNASSIGNED,
      dueAt: o.due_at,
      openedAt: o.opened_at,
    });
    const names = await userNames(
      trx,
      [...byClinicianDischarges.keys()].filter((k) => k !== UNASSIGNED),
    );
    for (const o of open)
      if (o.responsible_user_id && o.full_name) names.set(o.responsible_user_id, o.full_name);
    const report = {
      from: q.from,
      to: q.to,
      generatedAt: now.toISOString(),
      totals: {
        discharges: discharges.reduce((s, d) => s + Number(d.n), 0),
        delinquentCharts: new Set(open.filter((o) => o.due_at < now).map((o) => o.encounter_id)).size,
      },
      byClinician: delinquencyLines(
        open.map((o) => item(o.responsible_user_id, o)),
        byClinicianDischarges,
        names,
        now,
      ),
      byService: delinquencyLines(
        open.map((o) => item(o.service, o)),
        byServiceDischarges,
        new Map(),
        now,
      ),
    };
    await recordAudit(trx, ctx, {
      action: 'completion.report.delinquency',
      details: { from: q.from, to: q.to },
    });
    return report;
  });
}
