import { patientAccess, recordAudit, recordDenied } from '../access/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { forbidden, unauthorized } from '../kernel/errors.ts';

/**
 * The administrative facts of an encounter a claim needs (X12 837 loop 2300 dates, place of service or
 * type of bill, rendering/attending provider). Never notes, entries or documents: a biller has no chart:read.
 */
export interface EncounterForBilling {
  id: string;
  patientId: string;
  class: 'appointment' | 'inpatient';
  type: string | null;
  location: string | null;
  startsAt: string;
  /** Discharge time of an inpatient stay, when recorded. */
  dischargedAt: string | null;
  dischargeDisposition: string | null;
  providerId: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Encounters for the billing domain. Needs billing:read (a biller may see when, where and by whom a patient
 * was seen, not what the chart says); encounters entered in error and patients restricted to the actor are
 * left out; audited once in the caller's transaction. CLI and job contexts read every encounter.
 */
export async function encountersForBilling(
  ctx: RequestContext,
  trx: DbOrTx,
  encounterIds: string[],
): Promise<Map<string, EncounterForBilling>> {
  const out = new Map<string, EncounterForBilling>();
  const ids = [...new Set(encounterIds)];
  if (ids.length === 0) return out;
  if (ctx.actor) {
    if (!ctx.actor.permissions.has('billing:read')) {
      await recordDenied(ctx, {
        action: 'chart.billing_read_denied',
        details: { permission: 'billing:read' },
      });
      throw forbidden('You need the billing:read permission for this.', { permission: 'billing:read' });
    }
  } else if (ctx.channel !== 'cli' && ctx.channel !== 'job') throw unauthorized();
  const rows = await trx
    .selectFrom('chart_encounter')
    .select(['id', 'patient_id', 'class', 'data', 'starts_at', 'provider_id'])
    .where('id', 'in', ids)
    .where('entered_in_error', '=', false)
    .execute();
  let visible = rows;
  if (ctx.actor) {
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    visible = rows.filter((r) => access.get(r.patient_id) !== 'restricted');
  }
  for (const r of visible)
    out.set(r.id, {
      id: r.id,
      patientId: r.patient_id,
      class: r.class,
      type: str(r.data.type),
      location: str(r.data.location),
      startsAt: r.starts_at.toISOString(),
      dischargedAt: str(r.data.dischargedAt),
      dischargeDisposition: str(r.data.dischargeDisposition),
      providerId: r.provider_id,
    });
  const patientIds = [...new Set(visible.map((r) => r.patient_id))];
  await recordAudit(trx, ctx, {
    action: 'chart.encounter_billing_read',
    patientIds: patientIds.length <= 1000 ? patientIds : [],
    details: { encounters: out.size },
  });
  return out;
}
