import { patientAccess, recordAudit } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { validationFailed } from '../../kernel/errors.ts';
import { productivity, queuePage } from './workbench.queries.ts';
import type { QueueQuery } from './workbench.schemas.ts';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The coder work queue (issue 7): completed encounters not yet final, complete charts first, filtered by
 * class, type, facility (location), patient age and payer. Rows of patients the coder may not open stay
 * in the count but carry no identity (patientAccess decides; the list read is audited with the patients
 * shown).
 */
export async function codingQueue(ctx: RequestContext, q: QueueQuery) {
  if (q.minAge !== undefined && q.maxAge !== undefined && q.minAge > q.maxAge)
    throw validationFailed([{ field: 'maxAge', message: 'must not be below the minimum age' }]);
  return withTransaction(ctx.db, async (trx) => {
    const { rows, total } = await queuePage(trx, q);
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const items = rows.map((r) => {
      const ok = access.get(r.patient_id) !== 'restricted';
      return {
        encounterId: r.id,
        accessible: ok,
        patientId: ok ? r.patient_id : null,
        mrn: ok ? r.mrn : null,
        patientName: ok ? `${r.family_name}, ${r.given_name}` : null,
        ageYears: r.age_years,
        class: r.class,
        type: str(r.data.type),
        location: str(r.data.location),
        startsAt: r.starts_at.toISOString(),
        dischargedAt: str(r.data.dischargedAt) || null,
        payer: ok ? r.payer : null,
        chartComplete: r.chart_complete,
        codingStatus: r.coding_status as 'uncoded' | 'coded' | 'on_hold' | 'final',
      };
    });
    const shown = [...new Set(items.flatMap((i) => (i.patientId ? [i.patientId] : [])))];
    await recordAudit(trx, ctx, {
      action: 'coding.queue.list',
      patientIds: shown,
      resourceType: 'coding_encounter',
      details: { count: items.length, total, status: q.status },
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  });
}

const DAY = 86_400_000;

/**
 * Coding productivity per coder and day: encounters coded and finalized, and the edit findings met.
 * No patient data: counts only.
 */
export async function productivityReport(ctx: RequestContext, q: { from: string; to: string }) {
  const span = (Date.parse(q.to) - Date.parse(q.from)) / DAY;
  const issues = [];
  if (span < 0) issues.push({ field: 'to', message: 'must not be before from' });
  if (span > 366) issues.push({ field: 'to', message: 'ask for at most a year at a time' });
  if (issues.length > 0) throw validationFailed(issues);
  const rows = await productivity(ctx.db, q.from, q.to);
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({
      day: r.day,
      coderId: r.changed_by,
      coderName: r.full_name,
      encountersCoded: r.coded,
      encountersFinalized: r.finalized,
      errorsHit: r.errors,
      warningsHit: r.warnings,
    })),
  };
}
