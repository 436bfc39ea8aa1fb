import type { ClaimStatus } from '../billing.tables.ts';
import { type LineAllocation, type MatchedLine, matchLines, type OurLine, share } from './match.ts';
import type { WorklistReason } from './remit.tables.ts';
import type { Adjustment, Remit835, RemitClaim } from './x835.ts';

/** One of our claims with its running totals (cents), as the planner needs it. */
export interface ClaimForPosting {
  id: string;
  patientControlNumber: string;
  patientId: string;
  payerName: string;
  status: ClaimStatus;
  version: number;
  charge: number;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  lines: OurLine[];
}

export interface PlannedPosting {
  claimLineId: string | null;
  kind: 'payment' | 'adjustment';
  group: string | null;
  reason: string | null;
  amount: number;
}

export interface PlannedDenial {
  claimLineId: string | null;
  group: string;
  reason: string;
  remarks: string[];
  amount: number;
}

export interface ClaimPlan {
  remit: RemitClaim;
  claim: ClaimForPosting | null;
  lines: MatchedLine[];
  postings: PlannedPosting[];
  /** Per claim line: paid and (non-PR) adjusted to add. */
  lineDeltas: Map<string, { paid: number; adjusted: number }>;
  /** The claim's totals and status after this CLP (null when unmatched). */
  after: { paid: number; adjusted: number; patientResponsibility: number; status: ClaimStatus } | null;
  denials: PlannedDenial[];
  worklist: WorklistReason | null;
  unmatchedLines: number;
  /** The payer's line-level answer per claim line before claim-level CAS is spread (COB loop 2430). */
  adjudicated: AdjudicatedLine[];
}

/** What the payer decided on one of our lines, as the next payer's claim reports it (837 2430 SVD/CAS). */
export interface AdjudicatedLine {
  lineId: string;
  /** SVC01: the procedure as the payer adjudicated it. */
  code: string;
  modifiers: string[];
  unitsPaid: number | null;
  paid: number;
  adjustments: Adjustment[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const isPr = (a: Adjustment) => a.group === 'PR';

/**
 * Status after posting: denied when the payer paid nothing and the patient owes nothing; paid when every
 * cent of the charge is paid, adjusted or the patient's; otherwise partially paid. A claim the payer paid
 * nothing on after a reversal (CLP02 22) goes back to accepted.
 */
export function statusAfter(
  t: { charge: number; paid: number; adjusted: number; patientResponsibility: number },
  lineDenied: boolean,
): ClaimStatus {
  if (t.paid === 0 && t.patientResponsibility === 0) return t.adjusted > 0 ? 'denied' : 'accepted';
  const open = t.charge - t.paid - t.adjusted - t.patientResponsibility;
  return open === 0 && !lineDenied ? 'paid' : 'partially_paid';
}

/** The largest non-PR adjustment: the reason a denial is filed under. */
function mainReason(adj: Adjustment[]): Adjustment | undefined {
  return adj.filter((a) => !isPr(a)).sort((a, b) => b.amount - a.amount)[0];
}

/**
 * Plans the posting of one 835 transaction against our claims (found by CLP01 = CLM01), pure: the
 * service writes the plan in one transaction. Unmatched claims and lines are planned onto the work list.
 */
export function planPosting(r: Remit835, claims: Map<string, ClaimForPosting>): ClaimPlan[] {
  return r.claims.map((rc) => planClaim(rc, claims.get(rc.patientControlNumber) ?? null));
}

const unmatched = (rc: RemitClaim, claim: ClaimForPosting | null, lines: MatchedLine[]): ClaimPlan => ({
  remit: rc,
  claim,
  lines,
  postings: [],
  lineDeltas: new Map(),
  after: null,
  denials: [],
  worklist: claim ? 'lines_unmatched' : 'claim_not_found',
  unmatchedLines: rc.lines.length,
  adjudicated: [],
});

/**
 * Claim-level CAS of a claim answered with lines reduces what the lines were paid (CLP04 = Σ SVC03 −
 * claim CAS): it is shared over the matched lines in proportion to their payment (else their charge),
 * so that the lines' payments add up to the claim's.
 */
function spreadClaimAdjustments(rc: RemitClaim, allocs: LineAllocation[], lines: OurLine[]): void {
  const paidSum = sum(allocs.map((a) => a.paid));
  const charge = new Map(lines.map((l) => [l.id, l.charge]));
  const w = allocs.map((a) => (paidSum > 0 ? a.paid : (charge.get(a.lineId) ?? 0)));
  for (const x of rc.adjustments) {
    const parts = share(x.amount, w);
    allocs.forEach((a, i) => {
      const amount = parts[i] ?? 0;
      if (amount === 0) return;
      a.paid -= amount;
      a.adjustments.push({ ...x, amount });
    });
  }
}

function planClaim(rc: RemitClaim, claim: ClaimForPosting | null): ClaimPlan {
  if (!claim) return unmatched(rc, null, []);
  const lines = matchLines(rc.lines, claim.lines);
  const allocs = lines.flatMap((m) => m.allocations);
  if (rc.lines.length > 0 && allocs.length === 0) return unmatched(rc, claim, lines);
  const postings: PlannedPosting[] = [];
  const lineDeltas = new Map<string, { paid: number; adjusted: number }>();
  const denials: PlannedDenial[] = [];
  const adjudicated: AdjudicatedLine[] = lines.flatMap((m) =>
    m.allocations.map((a) => ({
      lineId: a.lineId,
      code: m.svc.paidAs.code,
      modifiers: m.svc.paidAs.modifiers,
      unitsPaid: m.svc.unitsPaid,
      paid: a.paid,
      adjustments: a.adjustments.map((x) => ({ ...x })),
    })),
  );
  if (rc.lines.length > 0) spreadClaimAdjustments(rc, allocs, claim.lines);
  for (const m of lines)
    for (const a of m.allocations) {
      if (a.paid !== 0)
        postings.push({ claimLineId: a.lineId, kind: 'payment', group: null, reason: null, amount: a.paid });
      for (const x of a.adjustments)
        postings.push({
          claimLineId: a.lineId,
          kind: 'adjustment',
          group: x.group,
          reason: x.reason,
          amount: x.amount,
        });
      const d = lineDeltas.get(a.lineId) ?? { paid: 0, adjusted: 0 };
      d.paid += a.paid;
      d.adjusted += sum(a.adjustments.filter((x) => !isPr(x)).map((x) => x.amount));
      lineDeltas.set(a.lineId, d);
      const why = mainReason(a.adjustments);
      if (a.paid === 0 && why && a.adjustments.every((x) => !isPr(x)) && rc.status !== '22')
        denials.push({
          claimLineId: a.lineId,
          group: why.group,
          reason: why.reason,
          remarks: m.svc.remarks,
          amount: sum(a.adjustments.map((x) => x.amount)),
        });
    }
  // A claim answered without service lines is posted at claim level.
  if (rc.lines.length === 0) {
    if (rc.paid !== 0)
      postings.push({ claimLineId: null, kind: 'payment', group: null, reason: null, amount: rc.paid });
    for (const x of rc.adjustments)
      postings.push({
        claimLineId: null,
        kind: 'adjustment',
        group: x.group,
        reason: x.reason,
        amount: x.amount,
      });
  }
  const adj = postings.filter((p) => p.kind === 'adjustment');
  const after = {
    charge: claim.charge,
    paid: claim.paid + sum(postings.filter((p) => p.kind === 'payment').map((p) => p.amount)),
    adjusted: claim.adjusted + sum(adj.filter((p) => p.group !== 'PR').map((p) => p.amount)),
    patientResponsibility:
      claim.patientResponsibility + sum(adj.filter((p) => p.group === 'PR').map((p) => p.amount)),
  };
  const status = statusAfter(after, denials.length > 0);
  if (status === 'denied' && rc.status !== '22') {
    const all = [...rc.adjustments, ...rc.lines.flatMap((l) => l.adjustments)];
    const why = mainReason(all);
    denials.length = 0;
    if (why)
      denials.push({
        claimLineId: null,
        group: why.group,
        reason: why.reason,
        remarks: [...new Set([...rc.remarks, ...rc.lines.flatMap((l) => l.remarks)])],
        amount: sum(all.filter((a) => !isPr(a)).map((a) => a.amount)),
      });
  }
  const unmatchedLines = lines.filter((m) => m.match === 'unmatched').length;
  // Running totals: the same claim answered twice in one file (a reversal and a new payment) adds up.
  Object.assign(claim, {
    paid: after.paid,
    adjusted: after.adjusted,
    patientResponsibility: after.patientResponsibility,
    status,
  });
  return {
    remit: rc,
    claim,
    lines,
    postings,
    lineDeltas,
    after: {
      paid: after.paid,
      adjusted: after.adjusted,
      patientResponsibility: after.patientResponsibility,
      status,
    },
    denials,
    worklist: unmatchedLines > 0 ? 'lines_unmatched' : null,
    unmatchedLines,
    adjudicated,
  };
}
