import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { insertClaimHistory } from '../claims.queries.ts';
import { actorName, auditBilling, requireBilling } from '../gate.ts';
import { type CobResult, moveResponsibility } from './cob.service.ts';
import type { OurLine } from './match.ts';
import { type ClaimForPosting, type ClaimPlan, planPosting } from './plan.ts';
import {
  addToLines,
  claimsByControlNumber,
  insertDenials,
  insertPostings,
  insertProviderAdjustments,
  insertRemit,
  insertRemitClaims,
  insertRemitLines,
  linesOfClaims,
  setClaimTotals,
  setRemitCounts,
} from './remit.queries.ts';
import type { BillingPostingTable, BillingRemitLineTable } from './remit.tables.ts';
import { checkBalance, parse835, type Remit835 } from './x835.ts';

const toCents = (v: string | number) => Math.round(Number(v) * 100);
const $ = (c: number) => c / 100;

export interface RemitTransactionResult {
  remitId: string | null;
  controlNumber: string;
  duplicate: boolean;
  traceNumber: string;
  payerName: string;
  paymentDate: string | null;
  method: string;
  /** BPR02 (negative for a debit). */
  payment: number;
  /** The balancing summary: Σ CLP04 − Σ PLB = BPR02. */
  claimPayments: number;
  providerAdjustments: number;
  claims: number;
  posted: number;
  denied: number;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  unmatched: { patientControlNumber: string; reason: string; lines: number }[];
  /** COB: patient responsibility moved to new secondary claims, to patients' balances, or forwarded. */
  secondaryClaims: number;
  toPatient: number;
  forwarded: number;
}

/**
 * Imports an 835 (issue 13): checks the whole file balances before posting anything, then posts every
 * transaction set in one database transaction — all of it or none. A transaction set imported before
 * posts nothing (its hash is already recorded). Unmatched claims and lines go to the work list.
 */
export async function importRemit(
  ctx: RequestContext,
  text: string,
  fileName: string,
): Promise<{ transactions: RemitTransactionResult[] }> {
  await requireBilling(ctx, 'billing:write');
  const remits = parse835(text);
  for (const r of remits) checkBalance(r);
  return ctx.db.transaction().execute(async (trx) => {
    const transactions: RemitTransactionResult[] = [];
    const patients: string[] = [];
    for (const r of remits) transactions.push(await postRemit(ctx, trx, r, fileName, patients));
    await auditBilling(trx, ctx, 'billing.remit_posted', patients, {
      file: fileName,
      transactions: transactions.length,
      duplicates: transactions.filter((t) => t.duplicate).length,
      claims: transactions.reduce((a, t) => a + t.posted, 0),
    });
    return { transactions };
  });
}

async function loadClaims(db: DbOrTx, r: Remit835): Promise<Map<string, ClaimForPosting>> {
  const rows = await claimsByControlNumber(db, [...new Set(r.claims.map((c) => c.patientControlNumber))]);
  const lines = await linesOfClaims(
    db,
    rows.map((c) => c.id),
  );
  const byClaim = new Map<string, OurLine[]>();
  for (const l of lines) {
    const list = byClaim.get(l.claim_id) ?? [];
    list.push({
      id: l.id,
      lineNo: l.line_no,
      code: l.code,
      modifiers: l.modifiers,
      serviceDate: l.service_date,
      charge: toCents(l.charge),
    });
    byClaim.set(l.claim_id, list);
  }
  return new Map(
    rows.map((c) => [
      c.patient_control_number,
      {
        id: c.id,
        patientControlNumber: c.patient_control_number,
        patientId: c.patient_id,
        payerName: c.payer_name,
        status: c.status,
        version: c.version,
        charge: toCents(c.charge),
        paid: toCents(c.paid),
        adjusted: toCents(c.adjusted),
        patientResponsibility: toCents(c.patient_responsibility),
        lines: byClaim.get(c.id) ?? [],
      },
    ]),
  );
}

const NO_COB: CobResult = { secondaryClaims: 0, toPatient: 0, forwarded: 0 };

function summary(
  r: Remit835,
  remitId: string | null,
  plans: ClaimPlan[],
  cob: CobResult = NO_COB,
): RemitTransactionResult {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const posted = plans.filter((p) => p.after);
  const amount = (pred: (p: { kind: string; group: string | null }) => boolean) =>
    $(sum(posted.flatMap((p) => p.postings.filter(pred).map((x) => x.amount))));
  return {
    remitId,
    controlNumber: r.controlNumber,
    duplicate: remitId === null,
    traceNumber: r.traceNumber,
    payerName: r.payerName,
    paymentDate: r.paymentDate,
    method: r.method,
    payment: $(r.creditDebit === 'D' ? -r.payment : r.payment),
    claimPayments: $(sum(r.claims.map((c) => c.paid))),
    providerAdjustments: $(sum(r.providerAdjustments.map((p) => p.amount))),
    claims: r.claims.length,
    posted: posted.length,
    denied: posted.filter((p) => p.after?.status === 'denied').length,
    paid: amount((x) => x.kind === 'payment'),
    adjusted: amount((x) => x.kind === 'adjustment' && x.group !== 'PR'),
    patientResponsibility: amount((x) => x.kind === 'adjustment' && x.group === 'PR'),
    unmatched: plans
      .filter((p) => p.worklist)
      .map((p) => ({
        patientControlNumber: p.remit.patientControlNumber,
        reason: p.worklist ?? '',
        lines: p.unmatchedLines,
      })),
    ...cob,
  };
}

async function postRemit(
  ctx: RequestContext,
  trx: DbOrTx,
  r: Remit835,
  fileName: string,
  patients: string[],
): Promise<RemitTransactionResult> {
  const now = ctx.clock.now();
  const remitId = await insertRemit(trx, {
    hash: r.hash,
    file_name: fileName,
    control_number: r.controlNumber,
    handling: r.handling,
    payment: $(r.payment),
    credit_debit: r.creditDebit,
    method: r.method,
    payment_date: r.paymentDate,
    trace_number: r.traceNumber,
    payer_trace_id: r.payerTraceId,
    payer_name: r.payerName,
    payer_id: r.payerId,
    payee_name: r.payeeName,
    payee_id: r.payeeId,
    claim_count: r.claims.length,
    matched_count: 0,
    provider_adjustment: $(r.providerAdjustments.reduce((a, p) => a + p.amount, 0)),
    imported_by: actorName(ctx),
    imported_at: now,
  });
  if (!remitId) return summary(r, null, []);
  const plans = planPosting(r, await loadClaims(trx, r));
  const cob = await writePlans(ctx, trx, remitId, r, plans);
  await insertProviderAdjustments(
    trx,
    r.providerAdjustments.map((p) => ({
      remit_id: remitId,
      provider_id: p.providerId,
      fiscal_period: p.fiscalPeriod,
      reason: p.reason,
      reference: p.reference,
      amount: $(p.amount),
    })),
  );
  await setRemitCounts(trx, remitId, plans.filter((p) => p.after).length);
  for (const p of plans) if (p.claim && p.after) patients.push(p.claim.patientId);
  return summary(r, remitId, plans, cob);
}

async function writePlans(
  ctx: RequestContext,
  trx: DbOrTx,
  remitId: string,
  r: Remit835,
  plans: ClaimPlan[],
): Promise<CobResult> {
  const now = ctx.clock.now();
  const postedOn = r.paymentDate ?? now.toISOString().slice(0, 10);
  const remitClaims = [];
  const remitLines: Insertable<BillingRemitLineTable>[] = [];
  const postings: Insertable<BillingPostingTable>[] = [];
  const denials = [];
  const lineDeltas = new Map<string, { paid: number; adjusted: number }>();
  const last = new Map<string, ClaimPlan>();
  for (const p of plans) {
    const id = randomUUID();
    const rc = p.remit;
    remitClaims.push({
      id,
      remit_id: remitId,
      claim_id: p.claim?.id ?? null,
      patient_control_number: rc.patientControlNumber,
      status_code: rc.status,
      charge: $(rc.charge),
      paid: $(rc.paid),
      patient_responsibility: $(rc.patientResponsibility),
      payer_claim_number: rc.payerClaimNumber,
      adjustments: JSON.stringify(rc.adjustments.map((a) => ({ ...a, amount: $(a.amount) }))),
      remarks: rc.remarks,
      unmatched_lines: p.unmatchedLines,
      worklist: p.worklist,
    });
    rc.lines.forEach((l, i) => {
      const m = p.lines[i];
      remitLines.push({
        remit_claim_id: id,
        seq: i + 1,
        claim_line_ids: m?.allocations.map((a) => a.lineId) ?? [],
        match: p.after ? (m?.match ?? 'unmatched') : 'unmatched',
        billed_code: l.billed.code,
        billed_modifiers: l.billed.modifiers,
        paid_code: l.paidAs.code,
        paid_modifiers: l.paidAs.modifiers,
        charge: $(l.charge),
        paid: $(l.paid),
        allowed: l.allowed === null ? null : $(l.allowed),
        service_date: l.serviceDate,
        adjustments: JSON.stringify(l.adjustments.map((a) => ({ ...a, amount: $(a.amount) }))),
        remarks: l.remarks,
      });
    });
    if (!p.claim || !p.after) continue;
    const claimId = p.claim.id;
    last.set(claimId, p);
    for (const x of p.postings)
      postings.push({
        remit_id: remitId,
        claim_id: claimId,
        claim_line_id: x.claimLineId,
        kind: x.kind,
        group_code: x.group,
        reason_code: x.reason,
        amount: $(x.amount),
        posted_on: postedOn,
        posted_at: now,
      });
    for (const [lineId, d] of p.lineDeltas) {
      const acc = lineDeltas.get(lineId) ?? { paid: 0, adjusted: 0 };
      acc.paid += d.paid;
      acc.adjusted += d.adjusted;
      lineDeltas.set(lineId, acc);
    }
    for (const d of p.denials)
      denials.push({
        claim_id: claimId,
        claim_line_id: d.claimLineId,
        remit_claim_id: id,
        payer_name: r.payerName || p.claim.payerName,
        group_code: d.group,
        reason_code: d.reason,
        remarks: d.remarks,
        amount: $(d.amount),
        denied_on: postedOn,
        status: 'open' as const,
        created_at: now,
        updated_at: now,
      });
  }
  await insertRemitClaims(trx, remitClaims);
  await insertRemitLines(trx, remitLines);
  await insertPostings(trx, postings);
  await addToLines(
    trx,
    [...lineDeltas].map(([id, d]) => ({ id, paid: $(d.paid), adjusted: $(d.adjusted) })),
  );
  const totals = [...last.values()].map((p) => ({
    id: p.claim?.id ?? '',
    paid: $(p.after?.paid ?? 0),
    adjusted: $(p.after?.adjusted ?? 0),
    patientResponsibility: $(p.after?.patientResponsibility ?? 0),
    status: p.after?.status ?? 'accepted',
  }));
  const versions = await setClaimTotals(trx, totals, now);
  await insertClaimHistory(
    trx,
    totals.map((t) => ({
      claim_id: t.id,
      version: versions.get(t.id) ?? 0,
      action: 'remit_posted',
      status: t.status,
      snapshot: JSON.stringify({
        remitId,
        traceNumber: r.traceNumber,
        paid: t.paid,
        adjusted: t.adjusted,
        patientResponsibility: t.patientResponsibility,
      }),
      changed_by: actorName(ctx),
      changed_at: now,
    })),
  );
  await insertDenials(trx, denials);
  return moveResponsibility(ctx, trx, plans, postedOn);
}
