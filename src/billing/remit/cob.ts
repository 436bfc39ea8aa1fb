import type { CoverageForBilling } from '../../patients/index.ts';
import type { ResponsibilityTo } from '../billing.tables.ts';
import type { AdjudicatedLine, ClaimPlan } from './plan.ts';
import type { Adjustment } from './x835.ts';

/** A CAS adjustment as the next payer's claim reports it (currency units). */
export interface CobAdjustment {
  group: string;
  reason: string;
  amount: number;
}

/**
 * What an earlier payer decided, kept on the next payer's claim (`details.cob`) and written into its 837:
 * loop 2320 (SBR, claim-level CAS, AMT*D paid, AMT*EAF remaining patient liability, OI), 2330A other
 * subscriber (NM1*IL), 2330B other payer (NM1*PR) and per line 2430 (SVD, CAS, DTP*573).
 */
export interface CobDetails {
  priorClaimId: string;
  priorPatientControlNumber: string;
  payer: {
    name: string;
    payerId: string;
    filingIndicator: string;
    order: 'primary' | 'secondary' | 'tertiary';
  };
  subscriber: { memberId: string; groupNumber: string | null; name: string; relationship: string };
  /** CLP07: the payer's own claim control number (2330B REF*F8). */
  payerClaimNumber: string;
  /** The remittance date (DTP*573). */
  adjudicatedOn: string;
  paid: number;
  patientResponsibility: number;
  claimAdjustments: CobAdjustment[];
  lines: {
    lineNo: number;
    code: string;
    modifiers: string[];
    units: number;
    paid: number;
    adjustments: CobAdjustment[];
  }[];
}

/** The patient's balance as a destination (a named value: the word alone reads like a table name). */
export const TO_PATIENT: ResponsibilityTo = 'patient';

const ORDER = { primary: 1, secondary: 2, tertiary: 3 } as const;
const $ = (c: number) => c / 100;
const toCob = (a: Adjustment): CobAdjustment => ({ group: a.group, reason: a.reason, amount: $(a.amount) });

/** CLP02 codes of a claim the payer processed (1–3) or processed and forwarded to the next payer (19–21). */
const PROCESSED = new Set(['1', '2', '3']);
const FORWARDED = new Set(['19', '20', '21']);

/**
 * Whether a posted 835 claim leaves patient responsibility to move on (issue 13 COB): the payer processed
 * it (not a reversal or a denial of an unknown patient), every line matched, something is the patient's
 * (PR group), and it was paid or partly paid (a denied claim is worked in the denials queue first).
 */
export function movesResponsibility(p: ClaimPlan): boolean {
  if (!p.claim || !p.after || p.worklist) return false;
  if (!PROCESSED.has(p.remit.status) && !FORWARDED.has(p.remit.status)) return false;
  if (p.after.status !== 'paid' && p.after.status !== 'partially_paid') return false;
  return p.after.patientResponsibility > 0;
}

/** The next coverage after `order` in force on `date` (secondary after primary, tertiary after secondary). */
export function nextCoverage(
  coverage: CoverageForBilling[],
  order: 'primary' | 'secondary' | 'tertiary',
  date: string,
): CoverageForBilling | null {
  return (
    coverage
      .filter((c) => ORDER[c.priority] > ORDER[order])
      .filter((c) => c.effectiveFrom <= date && (c.effectiveTo === null || c.effectiveTo >= date))
      .sort((a, b) => ORDER[a.priority] - ORDER[b.priority])[0] ?? null
  );
}

/** Where the responsibility goes: the payer forwarded it (crossover), the next coverage, or the patient. */
export function destination(remitStatus: string, next: CoverageForBilling | null): ResponsibilityTo {
  if (FORWARDED.has(remitStatus)) return 'forwarded';
  return next ? 'secondary' : TO_PATIENT;
}

/** The COB facts of a posted claim for the next payer's claim. */
export function cobDetails(
  p: ClaimPlan,
  prior: {
    id: string;
    patientControlNumber: string;
    payer: CobDetails['payer'];
    subscriber: CobDetails['subscriber'];
    lines: { id: string; lineNo: number; code: string; modifiers: string[]; units: number }[];
  },
  adjudicatedOn: string,
): CobDetails {
  const byLine = new Map<string, AdjudicatedLine[]>();
  for (const a of p.adjudicated) byLine.set(a.lineId, [...(byLine.get(a.lineId) ?? []), a]);
  return {
    priorClaimId: prior.id,
    priorPatientControlNumber: prior.patientControlNumber,
    payer: prior.payer,
    subscriber: prior.subscriber,
    payerClaimNumber: p.remit.payerClaimNumber,
    adjudicatedOn,
    paid: $(p.remit.paid),
    patientResponsibility: $(p.after?.patientResponsibility ?? 0),
    claimAdjustments: p.remit.adjustments.map(toCob),
    lines: prior.lines.flatMap((l) => {
      const answers = byLine.get(l.id);
      if (!answers) return [];
      const first = answers[0] as AdjudicatedLine;
      return [
        {
          lineNo: l.lineNo,
          code: first.code || l.code,
          modifiers: first.code ? first.modifiers : l.modifiers,
          units: first.unitsPaid ?? l.units,
          paid: $(answers.reduce((s, a) => s + a.paid, 0)),
          adjustments: answers.flatMap((a) => a.adjustments.map(toCob)),
        },
      ];
    }),
  };
}

const cents = (n: number) => Math.round(n * 100);
const sumCents = (xs: CobAdjustment[]) => xs.reduce((s, a) => s + cents(a.amount), 0);

/**
 * The 837 COB balancing rules (X222A1/X223A2 2320 and 2430 notes), checked before a secondary claim is
 * written: per line SV102 − Σ 2430 CAS = SVD02; the claim's AMT*D = Σ SVD02 − Σ 2320 CAS when lines were
 * adjudicated, else CLM02 − Σ 2320 CAS = AMT*D. Returns what does not balance (empty when all is well).
 */
export function cobBalanceProblems(
  cob: CobDetails,
  lineCharges: Map<number, number>,
  charge: number,
): string[] {
  const problems: string[] = [];
  for (const l of cob.lines) {
    const billed = cents(lineCharges.get(l.lineNo) ?? 0);
    if (billed - sumCents(l.adjustments) !== cents(l.paid))
      problems.push(`line ${l.lineNo}: charge − adjustments ≠ paid ${l.paid}`);
  }
  const claimCas = sumCents(cob.claimAdjustments);
  const expected =
    cob.lines.length > 0
      ? cob.lines.reduce((s, l) => s + cents(l.paid), 0) - claimCas
      : cents(charge) - claimCas;
  if (expected !== cents(cob.paid)) problems.push(`claim: paid ${cob.paid} does not balance`);
  return problems;
}
