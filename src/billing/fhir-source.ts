import type { RequestContext } from '../kernel/context.ts';
import type { ClaimDiagnosis, ClaimStatus } from './billing.tables.ts';
import { claimLines } from './claims.queries.ts';
import { claimLineOut } from './claims-read.service.ts';
import {
  answerLinesForFhir,
  answerRowsForFhir,
  billingOrganisation,
  claimRowsForFhir,
  type FhirFilter,
} from './fhir-source.queries.ts';
import { requireBilling, visibleAudited } from './gate.ts';

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;

export interface Adjudication {
  group: string;
  reason: string;
  amount: number;
}

/** One of our claims as the FHIR Claim and ExplanationOfBenefit reads map it (no clinical notes). */
export interface ClaimForFhir {
  id: string;
  patientId: string;
  patientControlNumber: string;
  type: 'P' | 'I';
  status: ClaimStatus;
  frequencyCode: string;
  payerName: string;
  payerId: string | null;
  payerOrder: 'primary' | 'secondary' | 'tertiary';
  coverageId: string;
  serviceFrom: string;
  serviceTo: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  charge: number;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  diagnoses: ClaimDiagnosis[];
  priorAuthNumber: string | null;
  priorClaimId: string | null;
  originalClaimId: string | null;
  provider: { name: string; npi: string } | null;
  lines: {
    lineNo: number;
    codeSystem: string;
    code: string;
    modifiers: string[];
    units: number;
    serviceDate: string;
    diagnosisPointers: number[];
    placeOfService: string | null;
    revenueCode: string | null;
    charge: number;
    paid: number;
    adjusted: number;
  }[];
}

/** A payer's answer to one of our claims (835 CLP) as the FHIR ClaimResponse read maps it. */
export interface ClaimAnswerForFhir {
  id: string;
  claimId: string;
  patientId: string;
  type: 'P' | 'I';
  /** CLP02 (1–3 processed, 4 denied, 19–21 forwarded, 22 reversal). */
  statusCode: string;
  charge: number;
  paid: number;
  patientResponsibility: number;
  payerClaimNumber: string;
  payerName: string;
  payerId: string;
  paymentDate: string | null;
  traceNumber: string;
  importedAt: string;
  adjustments: Adjudication[];
  remarks: string[];
  lines: {
    lineNos: number[];
    charge: number;
    paid: number;
    allowed: number | null;
    adjustments: Adjudication[];
  }[];
}

/**
 * Claims for the FHIR facade (issue 13: FHIR Claim and ExplanationOfBenefit over the same data). Needs
 * billing:read; restricted patients are left out; audited `billing.fhir_claims_read` with the patients.
 * `answeredOnly` keeps the claims a payer answered (an EOB exists only then).
 */
export async function claimsForFhir(
  ctx: RequestContext,
  f: FhirFilter & { answeredOnly?: boolean },
): Promise<{ items: ClaimForFhir[]; total: number }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const [{ rows, total }, provider] = await Promise.all([
      claimRowsForFhir(trx, f),
      billingOrganisation(trx),
    ]);
    const lines = new Map(
      await Promise.all(rows.map(async (r) => [r.id, await claimLines(trx, r.id)] as const)),
    );
    const { items, hidden } = await visibleAudited(
      ctx,
      trx,
      rows,
      (c): ClaimForFhir => ({
        id: c.id,
        patientId: c.patient_id,
        patientControlNumber: c.patient_control_number,
        type: c.type,
        status: c.status,
        frequencyCode: c.frequency_code,
        payerName: c.payer_name,
        payerId: c.payer_code,
        payerOrder: c.payer_order,
        coverageId: c.coverage_id,
        serviceFrom: c.service_from,
        serviceTo: c.service_to,
        createdAt: c.created_at.toISOString(),
        updatedAt: c.updated_at.toISOString(),
        version: c.version,
        charge: money(c.charge),
        paid: money(c.paid),
        adjusted: money(c.adjusted),
        patientResponsibility: money(c.patient_responsibility),
        diagnoses: c.diagnoses as ClaimDiagnosis[],
        priorAuthNumber: (c.details as { priorAuthNumber?: string }).priorAuthNumber ?? null,
        priorClaimId: c.prior_claim_id,
        originalClaimId: c.original_claim_id,
        provider: provider ?? null,
        lines: (lines.get(c.id) ?? []).map(claimLineOut),
      }),
      'billing.fhir_claims_read',
    );
    return { items, total: total - hidden };
  });
}

/**
 * Payer answers (835) to our claims for the FHIR ClaimResponse read: billing:read, restricted patients
 * left out, audited `billing.fhir_claim_responses_read`. Answers we could not match to a claim are on
 * the remittance work list, not here.
 */
export async function claimAnswersForFhir(
  ctx: RequestContext,
  f: FhirFilter & { claimIds?: string[] | undefined },
): Promise<{ items: ClaimAnswerForFhir[]; total: number }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const { rows, total } = await answerRowsForFhir(trx, f);
    const lines = await answerLinesForFhir(
      trx,
      rows.map((r) => r.id),
    );
    const adj = (xs: Adjudication[]) =>
      xs.map((a) => ({ group: a.group, reason: a.reason, amount: money(a.amount) }));
    const { items, hidden } = await visibleAudited(
      ctx,
      trx,
      rows,
      (r): ClaimAnswerForFhir => ({
        id: r.id,
        claimId: r.claim_id as string,
        patientId: r.patient_id,
        type: r.type,
        statusCode: r.status_code,
        charge: money(r.charge),
        paid: money(r.paid),
        patientResponsibility: money(r.patient_responsibility),
        payerClaimNumber: r.payer_claim_number,
        payerName: r.payer_name,
        payerId: r.payer_id,
        paymentDate: r.payment_date,
        traceNumber: r.trace_number,
        importedAt: r.imported_at.toISOString(),
        adjustments: adj(r.adjustments),
        remarks: r.remarks,
        lines: lines
          .filter((l) => l.remit_claim_id === r.id)
          .map((l) => ({
            lineNos: l.line_nos,
            charge: money(l.charge),
            paid: money(l.paid),
            allowed: l.allowed === null ? null : money(l.allowed),
            adjustments: adj(l.adjustments),
          })),
      }),
      'billing.fhir_claim_responses_read',
    );
    return { items, total: total - hidden };
  });
}
