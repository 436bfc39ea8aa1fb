import type { RequestContext } from '../../kernel/context.ts';
import { auditBilling, requireBilling } from '../gate.ts';
import { listRemitRows, unmatchedLinesOf, worklistRows } from './remit.queries.ts';

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;

/**
 * The remittance work list (issue 13): 835 claims no claim of ours answers to (CLP01 unknown) and claims
 * whose service lines did not all match. Nothing of these was guessed or posted.
 */
export async function remitWorklist(ctx: RequestContext, limit = 100) {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await worklistRows(trx, limit);
    const lines = await unmatchedLinesOf(
      trx,
      rows.map((r) => r.id),
    );
    await auditBilling(trx, ctx, 'billing.remit_worklist_read', [], { items: rows.length });
    return {
      items: rows.map((r) => ({
        id: r.id,
        remitId: r.remit_id,
        claimId: r.claim_id,
        patientControlNumber: r.patient_control_number,
        reason: r.worklist ?? '',
        statusCode: r.status_code,
        charge: money(r.charge),
        paid: money(r.paid),
        payerName: r.payer_name,
        traceNumber: r.trace_number,
        importedAt: r.imported_at.toISOString(),
        unmatchedLines: lines
          .filter((l) => l.remit_claim_id === r.id)
          .map((l) => ({
            seq: l.seq,
            billedCode: l.billed_code,
            billedModifiers: l.billed_modifiers,
            paidCode: l.paid_code,
            charge: money(l.charge),
            paid: money(l.paid),
            serviceDate: l.service_date,
          })),
      })),
    };
  });
}

/** Imported remittances (check/EFT, payer, amount), newest first. */
export async function listRemits(ctx: RequestContext, limit = 100) {
  await requireBilling(ctx, 'billing:read');
  const rows = await listRemitRows(ctx.db, limit);
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      controlNumber: r.control_number,
      traceNumber: r.trace_number,
      payerName: r.payer_name,
      method: r.method,
      payment: money(r.payment),
      paymentDate: r.payment_date,
      providerAdjustment: money(r.provider_adjustment),
      claims: r.claim_count,
      matched: r.matched_count,
      importedAt: r.imported_at.toISOString(),
    })),
  };
}
