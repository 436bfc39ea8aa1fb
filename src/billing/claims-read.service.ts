import type { RequestContext } from '../kernel/context.ts';
import type { ClaimSummary } from './billing.schemas.ts';
import type { ClaimDiagnosis } from './billing.tables.ts';
import {
  type ClaimFilter,
  type ClaimListRow,
  claimHistory,
  claimLines,
  findClaim,
  listClaimRows,
  payerIdOf,
} from './claims.queries.ts';
import { BillingErrors } from './errors.ts';
import { auditBilling, requireBilling, visiblePatients } from './gate.ts';
import { linkedClaims, patientBalance } from './remit/cob.queries.ts';
import type { CobDetails } from './remit/cob.ts';
import type { ScrubFinding } from './scrubber/rules.ts';

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;

/** A claim line as the claim screen and the FHIR reads show it. */
export const claimLineOut = (l: Awaited<ReturnType<typeof claimLines>>[number]) => ({
  lineNo: l.line_no,
  codeSystem: l.code_system,
  code: l.code,
  modifiers: l.modifiers,
  units: l.units,
  serviceDate: l.service_date,
  diagnosisPointers: l.diagnosis_pointers,
  placeOfService: l.place_of_service,
  revenueCode: l.revenue_code,
  charge: money(l.charge),
  paid: money(l.paid),
  adjusted: money(l.adjusted),
});

/** Claim balance = charges − payments − adjustments, always (issue 13). */
export function toSummary(r: ClaimListRow): ClaimSummary {
  const charge = money(r.charge);
  const paid = money(r.paid);
  const adjusted = money(r.adjusted);
  return {
    id: r.id,
    patientControlNumber: r.patient_control_number,
    payerId: r.payer_id,
    payerName: r.payer_name,
    payerOrder: r.payer_order,
    type: r.type,
    status: r.status,
    frequencyCode: r.frequency_code,
    patientId: r.patient_id,
    encounterId: r.encounter_id,
    serviceFrom: r.service_from,
    serviceTo: r.service_to,
    charge,
    paid,
    adjusted,
    patientResponsibility: money(r.patient_responsibility),
    balance: money(charge - paid - adjusted),
  };
}

/** Claims (all of them for the CLI; a page for the API), restricted patients left out, audited. */
export async function listClaims(
  ctx: RequestContext,
  filter: ClaimFilter,
): Promise<{ items: ClaimSummary[]; next: string | null }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await listClaimRows(trx, filter);
    const visible = await visiblePatients(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    );
    const items = rows.filter((r) => visible.has(r.patient_id)).map(toSummary);
    await auditBilling(
      trx,
      ctx,
      'billing.claims_list',
      items.map((c) => c.patientId),
      { claims: items.length },
    );
    const next =
      filter.limit && rows.length === filter.limit ? (rows.at(-1)?.patient_control_number ?? null) : null;
    return { items, next };
  });
}

/** One claim with its lines and history, gated and audited. */
export async function getClaim(ctx: RequestContext, id: string) {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const c = await findClaim(trx, id);
    if (!c || !(await visiblePatients(ctx, trx, [c.patient_id])).has(c.patient_id))
      throw BillingErrors.claimNotFound();
    const [lines, history, payerId, linked, owed] = await Promise.all([
      claimLines(trx, id),
      claimHistory(trx, id),
      payerIdOf(trx, c.payer_ref),
      linkedClaims(
        trx,
        [c.prior_claim_id, c.next_claim_id].filter((x): x is string => Boolean(x)),
      ),
      patientBalance(trx, c.patient_id),
    ]);
    const link = (claimId: string | null) => {
      const l = linked.find((x) => x.id === claimId);
      return l
        ? {
            id: l.id,
            patientControlNumber: l.patient_control_number,
            payerName: l.payer_name,
            payerOrder: l.payer_order,
            status: l.status,
          }
        : null;
    };
    const cob = (c.details as { cob?: CobDetails }).cob;
    await auditBilling(trx, ctx, 'billing.claim_read', [c.patient_id], undefined, { type: 'Claim', id });
    return {
      ...toSummary({ ...c, payer_id: payerId }),
      version: c.version,
      findings: c.findings as ScrubFinding[],
      priorAuthNumber: (c.details as { priorAuthNumber?: string }).priorAuthNumber ?? null,
      diagnoses: c.diagnoses as ClaimDiagnosis[],
      priorClaim: link(c.prior_claim_id),
      nextClaim: link(c.next_claim_id),
      responsibility: c.responsibility_to
        ? { to: c.responsibility_to, amount: money(c.responsibility_amount) }
        : null,
      priorPayer: cob
        ? {
            payerName: cob.payer.name,
            payerId: cob.payer.payerId,
            paid: cob.paid,
            patientResponsibility: cob.patientResponsibility,
            adjudicatedOn: cob.adjudicatedOn,
          }
        : null,
      patientBalance: owed,
      lines: lines.map(claimLineOut),
      history: history.map((h) => ({
        version: h.version,
        action: h.action,
        status: h.status,
        changedBy: h.changed_by,
        changedAt: h.changed_at.toISOString(),
      })),
    };
  });
}
