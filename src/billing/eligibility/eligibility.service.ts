import type { RequestContext } from '../../kernel/context.ts';
import { withTransaction } from '../../kernel/db.ts';
import { type CoverageForBilling, patientsForBilling } from '../../patients/index.ts';
import { findPayers } from '../billing.queries.ts';
import { EligibilityErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling, visibleAudited, visiblePatients } from '../gate.ts';
import { providersFor } from '../providers/providers.queries.ts';
import { nextInterchangeNumber } from '../x12/batch.queries.ts';
import {
  type EligibilityRow,
  eligibilityByTrace,
  eligibilityRows,
  insertEligibility,
  nextTraceNumbers,
  patientsWithOpenClaims,
  saveEligibilityResult,
} from './eligibility.queries.ts';
import type {
  EligibilityImportResult,
  EligibilityOut,
  EligibilityRequestInput,
  EligibilityRequestResult,
} from './eligibility.schemas.ts';
import type { EligibilityStatus } from './eligibility.tables.ts';
import { type Inquiry270, type Payer270, write270 } from './x270.ts';
import { read271, summarize } from './x271.ts';

const num = (v: string | null) => (v === null ? null : Number(v));

function toOut(r: EligibilityRow): EligibilityOut {
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: [r.given_name, r.family_name].filter(Boolean).join(' '),
    mrn: r.mrn,
    payerId: r.payer_id,
    payerName: r.payer_name,
    payerOrder: r.payer_order,
    memberId: r.member_id,
    serviceDate: r.service_date,
    traceNumber: r.trace_number,
    interchangeControlNumber: r.interchange_control_number,
    status: r.status,
    planName: r.plan_name,
    copay: num(r.copay),
    coinsurancePercent: num(r.coinsurance_percent),
    deductibleRemaining: num(r.deductible_remaining),
    rejectReason: r.reject_reason,
    benefits: r.benefits,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    respondedAt: r.responded_at?.toISOString() ?? null,
  };
}

const activeOn = (c: CoverageForBilling, date: string) =>
  c.effectiveFrom <= date && (c.effectiveTo === null || c.effectiveTo >= date);

/**
 * `eligibility request`: one X12 270 interchange (005010X279A1) asking each payer about every coverage of
 * the given patients active on the date of service (primary, secondary and tertiary: coordination of
 * benefits needs them all). One GS (HS) and one ST per payer; the receiver in ISA08 is the payer when only
 * one is asked, otherwise the clearinghouse, which routes by the 2100A payer id. Each inquiry is stored
 * with its trace number (TRN02), so the 271 answers can be matched. Audited; restricted patients skipped.
 */
export async function requestEligibility(
  ctx: RequestContext,
  input: EligibilityRequestInput,
): Promise<EligibilityRequestResult> {
  await requireBilling(ctx, 'billing:write');
  const date = input.serviceDate ?? ctx.clock.now().toISOString().slice(0, 10);
  return withTransaction(ctx.db, async (trx) => {
    const ids = input.patientIds ?? (await patientsWithOpenClaims(trx));
    if (ids.length === 0) throw EligibilityErrors.nobodyToAsk();
    const patients = await patientsForBilling(ctx, trx, ids);
    const skipped: EligibilityRequestResult['skipped'] = [];
    for (const id of new Set(ids))
      if (!patients.has(id)) skipped.push({ patientId: id, reason: 'NOT_VISIBLE' });
    const payers = await findPayers(trx, [
      ...new Set([...patients.values()].flatMap((p) => p.coverage.map((c) => c.payer))),
    ]);
    const payerFor = (name: string) =>
      payers.find((p) => p.payer_id === name) ??
      payers.find((p) => p.name.toLowerCase() === name.toLowerCase());
    const asks: {
      patientId: string;
      cov: CoverageForBilling;
      payer: (typeof payers)[number];
      q: Omit<Inquiry270, 'traceNumber'>;
    }[] = [];
    for (const p of patients.values()) {
      const active = p.coverage.filter((c) => activeOn(c, date));
      const known = active.filter((c) => payerFor(c.payer));
      if (active.length === 0) skipped.push({ patientId: p.id, reason: 'NO_ACTIVE_COVERAGE' });
      else if (known.length === 0) skipped.push({ patientId: p.id, reason: 'UNKNOWN_PAYER' });
      for (const cov of known)
        asks.push({
          patientId: p.id,
          cov,
          payer: payerFor(cov.payer) as (typeof payers)[number],
          q: {
            memberId: cov.memberId,
            serviceDate: date,
            patient: { familyName: p.familyName, givenName: p.givenName, birthDate: p.birthDate, sex: p.sex },
            subscriber: cov.relationship === 'self' ? null : { name: cov.subscriberName },
          },
        });
    }
    if (asks.length === 0) throw EligibilityErrors.noCoverage(skipped.length);
    const { billing } = await providersFor(trx, []);
    if (!billing) throw EligibilityErrors.noBillingProvider();
    const [icn, traces] = await Promise.all([nextInterchangeNumber(trx), nextTraceNumbers(trx, asks.length)]);
    const byPayer = new Map<string, Payer270>();
    asks.forEach((a, i) => {
      const p = byPayer.get(a.payer.id) ?? { payerId: a.payer.payer_id, name: a.payer.name, inquiries: [] };
      p.inquiries.push({ ...a.q, traceNumber: traces[i] as string });
      byPayer.set(a.payer.id, p);
    });
    const now = ctx.clock.now();
    const groups = [...byPayer.values()];
    const content = write270(
      {
        senderQualifier: 'ZZ',
        senderId: billing.npi,
        receiverQualifier: 'ZZ',
        receiverId: groups.length === 1 ? (groups[0]?.payerId ?? '') : 'CLEARINGHOUSE',
        controlNumber: icn,
        date: now,
        usage: 'P',
      },
      // TRN03: "1" followed by the receiver's EIN (X279A1 2000C TRN03).
      {
        name: billing.name,
        npi: billing.npi,
        originatorId: `1${(billing.tax_id ?? '').replace(/\D/g, '').padStart(9, '0').slice(0, 9)}`,
      },
      groups,
      `EL${icn}`,
    );
    const inserted = await insertEligibility(
      trx,
      asks.map((a, i) => ({
        patient_id: a.patientId,
        coverage_id: a.cov.id,
        payer_ref: a.payer.id,
        payer_id: a.payer.payer_id,
        payer_name: a.payer.name,
        payer_order: a.cov.priority,
        member_id: a.cov.memberId,
        service_date: date,
        trace_number: traces[i] as string,
        interchange_control_number: icn,
        status: 'sent' as EligibilityStatus,
        requested_by: actorName(ctx),
        requested_at: now,
      })),
    );
    const { rows } = await eligibilityRows(trx, {
      ids: inserted.map((r) => r.id),
      limit: asks.length,
      offset: 0,
    });
    await auditBilling(
      trx,
      ctx,
      'billing.eligibility_requested',
      [...new Set(asks.map((a) => a.patientId))],
      {
        inquiries: asks.length,
        interchangeControlNumber: icn,
      },
    );
    return {
      interchangeControlNumber: icn,
      fileName: `eligibility-${String(icn).padStart(9, '0')}.270`,
      content,
      requests: rows.map(toOut),
      skipped,
    };
  });
}

/**
 * `eligibility import`: reads a 271 (the whole file is checked before anything is stored), matches each
 * answered person to our inquiry by its trace number (TRN*2) and stores the benefits and their summary.
 * Answers we did not ask for, and rejections naming nobody, are listed and never guessed. Importing the
 * same 271 again stores the same result (idempotent). Audited with the patients answered.
 */
export async function importEligibility(ctx: RequestContext, text: string): Promise<EligibilityImportResult> {
  await requireBilling(ctx, 'billing:write');
  const transactions = read271(text);
  return withTransaction(ctx.db, async (trx) => {
    const people = transactions.flatMap((t) => t.people);
    const rows = await eligibilityByTrace(trx, [...new Set(people.flatMap((p) => p.traceNumbers))]);
    const byTrace = new Map(rows.map((r) => [r.trace_number, r]));
    const unmatched: EligibilityImportResult['unmatched'] = [];
    for (const t of transactions)
      if (t.reject && t.people.length === 0)
        unmatched.push({
          traceNumber: null,
          reason: `271 ${t.controlNumber} rejected by the payer: ${t.reject.code} ${t.reject.text}`,
        });
    const now = ctx.clock.now();
    const matched = new Map<string, string>();
    for (const p of people) {
      if (p.traceNumbers.length === 0) {
        // A subscriber loop above a dependent (HL 22 with a child HL 23) carries no answer of its own.
        if (p.benefits.length > 0 || p.reject)
          unmatched.push({ traceNumber: null, reason: 'an answer with no trace number (TRN*2)' });
        continue;
      }
      for (const trace of p.traceNumbers) {
        const row = byTrace.get(trace);
        if (!row) {
          unmatched.push({ traceNumber: trace, reason: 'no inquiry of ours has this trace number' });
          continue;
        }
        // A subscriber loop that only carries its dependent's trace (benefits under HL 23) does not answer.
        if (p.level === 'subscriber' && p.benefits.length === 0 && !p.reject && matched.has(row.id)) continue;
        await saveEligibilityResult(trx, row.id, { ...summarize(p), benefits: p.benefits }, now);
        matched.set(row.id, row.patient_id);
      }
    }
    const { rows: saved } = matched.size
      ? await eligibilityRows(trx, { ids: [...matched.keys()], limit: matched.size, offset: 0 })
      : { rows: [] };
    const visible = await visiblePatients(
      ctx,
      trx,
      saved.map((r) => r.patient_id),
    );
    await auditBilling(trx, ctx, 'billing.eligibility_imported', [...new Set(matched.values())], {
      transactions: transactions.length,
      matched: matched.size,
      unmatched: unmatched.length,
    });
    return {
      transactions: transactions.length,
      matched: matched.size,
      items: saved.filter((r) => visible.has(r.patient_id)).map(toOut),
      unmatched,
    };
  });
}

/** Inquiries and their answers, newest first; restricted patients left out; audited. */
export async function listEligibility(
  ctx: RequestContext,
  q: {
    patientId?: string | undefined;
    status?: EligibilityStatus | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: EligibilityOut[]; total: number }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const { rows, total } = await eligibilityRows(trx, q);
    const { items, hidden } = await visibleAudited(ctx, trx, rows, toOut, 'billing.eligibility_read');
    return { items, total: total - hidden };
  });
}
