import { patientAccess, recordAudit, recordDenied } from '../../access/index.ts';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { forbidden, unauthorized } from '../../kernel/errors.ts';
import type { DiagnosisLine, DrugLine, ProcedureLine } from './workbench-rules.ts';

/** The final codes of one encounter, as charge capture reads them (issue 13). */
export interface FinalCoding {
  encounterId: string;
  patientId: string;
  /** The coding version made final: charges are captured once per final version. */
  version: number;
  finalizedAt: string;
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
  drugs: DrugLine[];
}

/**
 * Encounters whose coding is final (all of them, or the given ones), with their codes, for the billing
 * domain. Needs billing:read (codes, not notes: a biller sees codes); restricted patients are left out;
 * audited once in the caller's transaction. CLI and job contexts read every encounter.
 */
export async function finalCodingForBilling(
  ctx: RequestContext,
  trx: DbOrTx,
  opts: { encounterIds?: string[] } = {},
): Promise<FinalCoding[]> {
  if (ctx.actor) {
    if (!ctx.actor.permissions.has('billing:read')) {
      await recordDenied(ctx, {
        action: 'coding.billing_read_denied',
        details: { permission: 'billing:read' },
      });
      throw forbidden('You need the billing:read permission for this.', { permission: 'billing:read' });
    }
  } else if (ctx.channel !== 'cli' && ctx.channel !== 'job') throw unauthorized();
  if (opts.encounterIds && opts.encounterIds.length === 0) return [];
  let q = trx
    .selectFrom('coding_encounter')
    .select(['encounter_id', 'patient_id', 'version', 'finalized_at', 'diagnoses', 'procedures', 'drugs'])
    .where('status', '=', 'final')
    .orderBy('encounter_id');
  if (opts.encounterIds) q = q.where('encounter_id', 'in', opts.encounterIds);
  let rows = await q.execute();
  if (ctx.actor && rows.length > 0) {
    const access = await patientAccess(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    rows = rows.filter((r) => access.get(r.patient_id) !== 'restricted');
  }
  const out = rows.map((r) => ({
    encounterId: r.encounter_id,
    patientId: r.patient_id,
    version: r.version,
    finalizedAt: (r.finalized_at ?? new Date(0)).toISOString(),
    diagnoses: [...r.diagnoses].sort((a, b) => a.sequence - b.sequence),
    procedures: r.procedures,
    drugs: r.drugs,
  }));
  const patientIds = [...new Set(out.map((r) => r.patientId))];
  await recordAudit(trx, ctx, {
    action: 'coding.final_billing_read',
    patientIds: patientIds.length <= 1000 ? patientIds : [],
    details: { encounters: out.length },
  });
  return out;
}
