import type { RequestContext } from '../../kernel/context.ts';
import type { DbOrTx } from '../../kernel/db.ts';
import { patientsForBilling } from '../../patients/index.ts';
import { findPayers } from '../billing.queries.ts';
import type { ResponsibilityTo } from '../billing.tables.ts';
import {
  type ClaimRow,
  insertClaimHistory,
  insertClaimLines,
  insertClaims,
  nextControlNumbers,
} from '../claims.queries.ts';
import { actorName, auditBilling } from '../gate.ts';
import { claimsToMove, fullLines, setResponsibility } from './cob.queries.ts';
import { type CobDetails, cobDetails, destination, movesResponsibility, nextCoverage } from './cob.ts';
import type { ClaimPlan } from './plan.ts';

export interface CobResult {
  secondaryClaims: number;
  toPatient: number;
  forwarded: number;
}

type Subscriber = CobDetails['subscriber'];

/**
 * Coordination of benefits after an 835 posted (issue 13): the patient responsibility a payer left (PR)
 * moves to the next coverage's claim — a draft secondary (or tertiary) claim with the same lines and the
 * payer's decision in `details.cob` for the 837's 2320/2330/2430 loops — or, without further coverage in
 * force on the date of service, to the patient's balance. A payer that forwarded the claim itself (CLP02
 * 19–21, a crossover) gets no claim from us. Runs in the posting's transaction; each claim moves once.
 */
export async function moveResponsibility(
  ctx: RequestContext,
  trx: DbOrTx,
  plans: ClaimPlan[],
  adjudicatedOn: string,
): Promise<CobResult> {
  const result: CobResult = { secondaryClaims: 0, toPatient: 0, forwarded: 0 };
  const last = new Map<string, ClaimPlan>();
  for (const p of plans) if (p.claim && p.after) last.set(p.claim.id, p);
  const moving = [...last.values()].filter(movesResponsibility);
  const rows = await claimsToMove(
    trx,
    moving.map((p) => p.claim?.id ?? ''),
  );
  if (rows.length === 0) return result;
  const [patients, lines] = await Promise.all([
    patientsForBilling(
      ctx,
      trx,
      rows.map((r) => r.patient_id),
    ),
    fullLines(
      trx,
      rows.map((r) => r.id),
    ),
  ]);
  const payers = await findPayers(trx, [
    ...new Set([
      ...rows.map((r) => r.payer_name),
      ...[...patients.values()].flatMap((p) => p.coverage.map((c) => c.payer)),
    ]),
  ]);
  const payerFor = (name: string) =>
    payers.find((p) => p.payer_id === name) ??
    payers.find((p) => p.name.toLowerCase() === name.toLowerCase());
  const moves: { row: ClaimRow; to: ResponsibilityTo; amount: number; next: ClaimRow | null }[] = [];
  const secondaries: { row: ClaimRow; plan: ClaimPlan; cov: NonNullable<ReturnType<typeof nextCoverage>> }[] =
    [];
  for (const row of rows) {
    const plan = last.get(row.id) as ClaimPlan;
    const cov = nextCoverage(patients.get(row.patient_id)?.coverage ?? [], row.payer_order, row.service_from);
    const to = destination(plan.remit.status, cov);
    const amount = (plan.after?.patientResponsibility ?? 0) / 100;
    if (to === 'secondary' && cov) secondaries.push({ row, plan, cov });
    else moves.push({ row, to, amount, next: null });
  }
  const pcns = await nextControlNumbers(trx, secondaries.length);
  const now = ctx.clock.now();
  const built = await insertClaims(
    trx,
    secondaries.map(({ row, plan, cov }, i) => {
      const d = row.details as { subscriber?: Subscriber };
      const priorPayer = payerFor(row.payer_name);
      const cob = cobDetails(
        plan,
        {
          id: row.id,
          patientControlNumber: row.patient_control_number,
          payer: {
            name: priorPayer?.name ?? row.payer_name,
            payerId: priorPayer?.payer_id ?? row.payer_name,
            filingIndicator: priorPayer?.filing_indicator ?? 'CI',
            order: row.payer_order,
          },
          subscriber: d.subscriber ?? { memberId: '', groupNumber: null, name: '', relationship: 'self' },
          lines: lines
            .filter((l) => l.claim_id === row.id)
            .map((l) => ({
              id: l.id,
              lineNo: l.line_no,
              code: l.code,
              modifiers: l.modifiers,
              units: l.units,
            })),
        },
        adjudicatedOn,
      );
      return {
        patient_control_number: pcns[i] as string,
        encounter_id: row.encounter_id,
        patient_id: row.patient_id,
        coverage_id: cov.id,
        payer_ref: payerFor(cov.payer)?.id ?? null,
        payer_name: cov.payer,
        payer_order: cov.priority,
        type: row.type,
        status: 'draft' as const,
        frequency_code: '1',
        original_claim_id: null,
        prior_claim_id: row.id,
        service_from: row.service_from,
        service_to: row.service_to,
        diagnoses: JSON.stringify(row.diagnoses),
        details: JSON.stringify({
          ...(row.details as Record<string, unknown>),
          subscriber: {
            memberId: cov.memberId,
            groupNumber: cov.groupNumber,
            name: cov.subscriberName,
            relationship: cov.relationship,
            plan: cov.plan,
          },
          cob,
        }),
        charge: row.charge,
        created_at: now,
        updated_at: now,
      };
    }),
  );
  const byPrior = new Map(built.map((c) => [c.prior_claim_id as string, c]));
  await insertClaimLines(
    trx,
    built.flatMap((c) =>
      lines
        .filter((l) => l.claim_id === c.prior_claim_id)
        .map(({ id: _id, claim_id: _claim, paid: _paid, adjusted: _adj, ...l }) => ({
          ...l,
          claim_id: c.id,
        })),
    ),
  );
  for (const s of secondaries)
    moves.push({
      row: s.row,
      to: 'secondary',
      amount: (s.plan.after?.patientResponsibility ?? 0) / 100,
      next: byPrior.get(s.row.id) ?? null,
    });
  const versions = await setResponsibility(
    trx,
    moves.map((m) => ({ id: m.row.id, to: m.to, amount: m.amount, nextClaimId: m.next?.id ?? null })),
    now,
  );
  await insertClaimHistory(trx, [
    ...moves.map((m) => ({
      claim_id: m.row.id,
      version: versions.get(m.row.id) ?? 0,
      action: 'responsibility_moved',
      status: m.row.status,
      snapshot: JSON.stringify({
        to: m.to,
        amount: m.amount,
        ...(m.next
          ? { nextClaimId: m.next.id, nextPatientControlNumber: m.next.patient_control_number }
          : {}),
      }),
      changed_by: actorName(ctx),
      changed_at: now,
    })),
    ...built.map((c) => ({
      claim_id: c.id,
      version: 1,
      action: 'build',
      status: c.status,
      snapshot: JSON.stringify({ charge: c.charge, cobFrom: c.prior_claim_id, payerOrder: c.payer_order }),
      changed_by: actorName(ctx),
      changed_at: now,
    })),
  ]);
  await auditBilling(
    trx,
    ctx,
    'billing.responsibility_moved',
    moves.map((m) => m.row.patient_id),
    { secondary: built.length, patient: moves.filter((m) => m.to === 'patient').length },
  );
  result.secondaryClaims = built.length;
  result.toPatient = moves.filter((m) => m.to === 'patient').length;
  result.forwarded = moves.filter((m) => m.to === 'forwarded').length;
  return result;
}
