import type { EncounterForBilling } from '../chart/index.ts';
import { encountersForBilling } from '../chart/index.ts';
import type { FinalCoding } from '../coding/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import { withTransaction } from '../kernel/db.ts';
import { type CoverageForBilling, type PatientForBilling, patientsForBilling } from '../patients/index.ts';
import { findPayers } from './billing.queries.ts';
import { captureCharges } from './charges.service.ts';
import {
  type ChargeRow,
  type ClaimRow,
  insertClaimHistory,
  insertClaimLines,
  insertClaims,
  latestClaims,
  markChargesBilled,
  nextControlNumbers,
  unbilledCharges,
} from './claims.queries.ts';
import { BillingErrors } from './errors.ts';
import { actorName, auditBilling, requireBilling } from './gate.ts';

export interface BuildResult {
  captured: number;
  built: number;
  replacements: number;
  /** Encounters with charges but no claim, and why (e.g. no coverage active on the date of service). */
  skipped: { encounterId: string; reason: 'NO_ACTIVE_COVERAGE' | 'NOT_VISIBLE' }[];
  claimIds: string[];
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** The coverage in force on the date of service, primary before secondary before tertiary. */
export function coverageOn(coverage: CoverageForBilling[], date: string): CoverageForBilling | null {
  return (
    coverage.find((c) => c.effectiveFrom <= date && (c.effectiveTo === null || c.effectiveTo >= date)) ?? null
  );
}

function serviceDates(enc: EncounterForBilling, lines: ChargeRow[]): { from: string; to: string } {
  const days = lines.map((l) => l.service_date).sort();
  const from = enc.class === 'inpatient' ? enc.startsAt.slice(0, 10) : (days[0] ?? enc.startsAt.slice(0, 10));
  const to =
    enc.class === 'inpatient' && enc.dischargedAt ? enc.dischargedAt.slice(0, 10) : (days.at(-1) ?? from);
  // An inpatient discharge before admission is a chart error; the claim then spans the admission day.
  return { from, to: [from, to].sort()[1] ?? from };
}

interface ClaimPlan {
  enc: EncounterForBilling;
  patient: PatientForBilling;
  coding: FinalCoding;
  lines: ChargeRow[];
  dates: { from: string; to: string };
  cov: CoverageForBilling;
  prior: ClaimRow | undefined;
  payer: { id: string } | undefined;
}

/**
 * `claims build`: captures charges from final coding, then makes one claim per encounter for the payer
 * first in order of coverage on the date of service (secondary claims follow the primary's remittance).
 * Professional (837P) for clinic visits, institutional (837I) for inpatient stays. An encounter whose
 * earlier claim was billed gets a replacement claim (CLM05-3 = 7) pointing at it. All in one transaction.
 */
export async function buildClaims(
  ctx: RequestContext,
  scope: { encounterId?: string | undefined; allReady?: boolean | undefined },
): Promise<BuildResult> {
  await requireBilling(ctx, 'billing:write');
  if (!scope.encounterId && !scope.allReady) throw BillingErrors.chooseScope();
  const ids = scope.encounterId ? [scope.encounterId] : undefined;
  return withTransaction(ctx.db, async (trx) => {
    const capture = await captureCharges(ctx, trx, ids ? { encounterIds: ids } : {});
    if (scope.encounterId && capture.codings.length === 0) throw BillingErrors.encounterNotFinal();
    const charges = await unbilledCharges(trx, ids);
    const byEncounter = new Map<string, ChargeRow[]>();
    for (const c of charges) byEncounter.set(c.encounter_id, [...(byEncounter.get(c.encounter_id) ?? []), c]);
    const encounterIds = [...byEncounter.keys()];
    const codings = new Map(capture.codings.map((c) => [c.encounterId, c]));
    const [encounters, patients, previous] = await Promise.all([
      encountersForBilling(ctx, trx, encounterIds),
      patientsForBilling(ctx, trx, [...new Set(charges.map((c) => c.patient_id))]),
      latestClaims(trx, encounterIds),
    ]);
    const payers = await findPayers(trx, [
      ...new Set([...patients.values()].flatMap((p) => p.coverage.map((c) => c.payer))),
    ]);
    const payerFor = (name: string) =>
      payers.find((p) => p.payer_id === name) ??
      payers.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const skipped: BuildResult['skipped'] = [];
    const plans: ClaimPlan[] = [];
    for (const [encounterId, lines] of byEncounter) {
      const enc = encounters.get(encounterId);
      const patient = patients.get(lines[0]?.patient_id ?? '');
      const coding = codings.get(encounterId);
      if (!enc || !patient || !coding) {
        skipped.push({ encounterId, reason: 'NOT_VISIBLE' });
        continue;
      }
      const dates = serviceDates(enc, lines);
      const cov = coverageOn(patient.coverage, dates.from);
      if (!cov) {
        skipped.push({ encounterId, reason: 'NO_ACTIVE_COVERAGE' });
        continue;
      }
      const prior = previous.find((p) => p.encounter_id === encounterId && p.payer_order === cov.priority);
      plans.push({ enc, patient, coding, lines, dates, cov, prior, payer: payerFor(cov.payer) });
    }
    const pcns = await nextControlNumbers(trx, plans.length);
    const now = ctx.clock.now();
    const claims = await insertClaims(
      trx,
      plans.map((p, i) => ({
        patient_control_number: pcns[i] as string,
        encounter_id: p.enc.id,
        patient_id: p.patient.id,
        coverage_id: p.cov.id,
        payer_ref: p.payer?.id ?? null,
        payer_name: p.cov.payer,
        payer_order: p.cov.priority,
        type: p.enc.class === 'inpatient' ? ('I' as const) : ('P' as const),
        status: 'draft' as const,
        frequency_code: p.prior ? '7' : '1',
        original_claim_id: p.prior?.id ?? null,
        service_from: p.dates.from,
        service_to: p.dates.to,
        diagnoses: JSON.stringify(
          p.coding.diagnoses.map((d) => ({ code: d.code, ...(d.poa ? { poa: d.poa } : {}) })),
        ),
        details: JSON.stringify({
          encounterClass: p.enc.class,
          encounterType: p.enc.type,
          location: p.enc.location,
          admittedAt: p.enc.startsAt,
          dischargedAt: p.enc.dischargedAt,
          dischargeDisposition: p.enc.dischargeDisposition,
          providerId: p.enc.providerId,
          placeOfService: p.lines[0]?.place_of_service ?? null,
          icd10pcs: p.coding.procedures
            .filter((x) => x.system === 'icd10pcs')
            .map((x) => ({ code: x.code, date: x.date })),
          subscriber: {
            memberId: p.cov.memberId,
            groupNumber: p.cov.groupNumber,
            name: p.cov.subscriberName,
            relationship: p.cov.relationship,
            plan: p.cov.plan,
          },
        }),
        charge: cents(p.lines.reduce((s, l) => s + Number(l.amount), 0)),
        created_at: now,
        updated_at: now,
      })),
    );
    await insertClaimLines(
      trx,
      claims.flatMap((claim, i) =>
        (plans[i]?.lines ?? []).map((l, n) => ({
          claim_id: claim.id,
          line_no: n + 1,
          charge_id: l.id,
          code_system: l.code_system,
          code: l.code,
          modifiers: l.modifiers,
          units: l.units,
          service_date: l.service_date,
          diagnosis_pointers: l.diagnosis_pointers,
          place_of_service: l.place_of_service,
          revenue_code: l.revenue_code,
          rendering_user_id: l.rendering_user_id,
          charge: l.amount,
        })),
      ),
    );
    await markChargesBilled(
      trx,
      plans.flatMap((p) => p.lines.map((l) => l.id)),
    );
    await insertClaimHistory(
      trx,
      claims.map((c, i) => ({
        claim_id: c.id,
        version: 1,
        action: 'build',
        status: c.status,
        snapshot: JSON.stringify({
          charge: c.charge,
          frequencyCode: c.frequency_code,
          lines: plans[i]?.lines.length ?? 0,
        }),
        changed_by: actorName(ctx),
        changed_at: now,
      })),
    );
    await auditBilling(
      trx,
      ctx,
      'billing.claims_build',
      claims.map((c) => c.patient_id),
      { claims: claims.length, skipped: skipped.length },
    );
    return {
      captured: capture.captured,
      built: claims.length,
      replacements: claims.filter((c) => c.frequency_code === '7').length,
      skipped,
      claimIds: claims.map((c) => c.id),
    };
  });
}
