import { encountersForBilling } from '../chart/index.ts';
import { type FinalCoding, finalCodingForBilling } from '../coding/index.ts';
import type { RequestContext } from '../kernel/context.ts';
import type { DbOrTx } from '../kernel/db.ts';
import { feesForCodes } from './billing.queries.ts';
import { chargeLines } from './charge-capture.ts';
import { capturedVersions, insertCharges, replaceUnbilledCharges } from './claims.queries.ts';
import { auditBilling } from './gate.ts';

export interface CaptureResult {
  /** Encounters whose final coding produced new charges. */
  captured: number;
  lines: number;
  /** Unbilled lines replaced by a re-finalized encounter's new charges. */
  replaced: number;
  /** Final encounters already captured at their current coding version. */
  unchanged: number;
  codings: FinalCoding[];
}

/**
 * Charge capture (issue 13): each encounter made final by coding produces its charge lines once per
 * final coding version. A re-opened and re-finalized encounter replaces its unbilled charges; charges
 * already on a claim stay billed (the claim build then sends a replacement claim, frequency 7).
 * Runs in the caller's transaction; the caller checks billing:write.
 */
export async function captureCharges(
  ctx: RequestContext,
  trx: DbOrTx,
  opts: { encounterIds?: string[] },
): Promise<CaptureResult> {
  const codings = await finalCodingForBilling(ctx, trx, opts);
  const versions = await capturedVersions(
    trx,
    codings.map((c) => c.encounterId),
  );
  const todo = codings.filter((c) => (versions.get(c.encounterId) ?? 0) < c.version);
  const encounters = await encountersForBilling(
    ctx,
    trx,
    todo.map((c) => c.encounterId),
  );
  const codes = todo.flatMap((c) => [...c.procedures.map((p) => p.code), ...c.drugs.map((d) => d.code)]);
  const fees = await feesForCodes(
    trx,
    codes.map((c) => c.toUpperCase()),
  );
  const now = ctx.clock.now();
  let lines = 0;
  let replaced = 0;
  let captured = 0;
  const rows = [];
  for (const c of todo) {
    const enc = encounters.get(c.encounterId);
    if (!enc) continue;
    if (versions.has(c.encounterId)) replaced += await replaceUnbilledCharges(trx, c.encounterId);
    const captured_ = chargeLines(c, enc, fees);
    captured++;
    lines += captured_.length;
    for (const l of captured_)
      rows.push({
        encounter_id: c.encounterId,
        patient_id: c.patientId,
        coding_version: c.version,
        line_no: l.lineNo,
        code_system: l.codeSystem,
        code: l.code,
        modifiers: l.modifiers,
        units: l.units,
        service_date: l.serviceDate,
        diagnosis_pointers: l.diagnosisPointers,
        place_of_service: l.placeOfService,
        revenue_code: l.revenueCode,
        rendering_user_id: l.renderingUserId,
        amount: l.amount,
        status: 'unbilled' as const,
        created_at: now,
      });
  }
  await insertCharges(trx, rows);
  if (captured > 0)
    await auditBilling(
      trx,
      ctx,
      'billing.charges_capture',
      todo.map((c) => c.patientId),
      { encounters: captured, lines, replaced },
    );
  return { captured, lines, replaced, unchanged: codings.length - todo.length, codings };
}
