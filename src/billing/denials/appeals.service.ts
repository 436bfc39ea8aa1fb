import type { RequestContext } from '../../kernel/context.ts';
import type { ClaimStatus } from '../billing.tables.ts';
import {
  claimLines,
  insertClaimHistory,
  insertClaimLines,
  insertClaims,
  nextControlNumbers,
} from '../claims.queries.ts';
import { DenialErrors } from '../errors.ts';
import { actorName, auditBilling, requireBilling } from '../gate.ts';
import { providersFor } from '../providers/providers.queries.ts';
import { type AppealLetterInput, appealLetterPdf, appealLetterText } from './appeal-letter.ts';
import { remarkText } from './carc.ts';
import {
  countAppeals,
  findAppeal,
  findDenial,
  insertAppeal,
  lockClaim,
  openDenialsOfClaim,
  payerClaimNumber,
  setClaimStatus,
} from './denials.queries.ts';
import type { DenialDetail } from './denials.schemas.ts';
import { changeDenial, detailOf, getDenial, toDenial, todayOf } from './denials.service.ts';

const money = (v: string | number) => Math.round(Number(v) * 100) / 100;

/** Claims the payer has answered: these can be appealed, corrected (7) or voided (8). */
const ANSWERED: ClaimStatus[] = ['denied', 'partially_paid', 'paid', 'appealed', 'accepted'];

/**
 * Appeals a denial (issue 13): writes the letter (claim, denial reason and remarks, the biller's reasons,
 * the records sent), keeps it on an append-only appeal row (level 1, 2, …), moves the denial to
 * `appealed` and the claim to `appealed` (a new claim version and history row). Audited.
 */
export async function appealDenial(
  ctx: RequestContext,
  denialId: string,
  input: { version: number; reason: string; records: string[] },
): Promise<DenialDetail> {
  await requireBilling(ctx, 'billing:write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await changeDenial(ctx, trx, denialId, input.version, {
      action: 'appealed',
      status: 'appealed',
    });
    const claim = await lockClaim(trx, row.claim_id);
    if (!claim || !ANSWERED.includes(claim.status))
      throw DenialErrors.claimNotResubmittable(claim?.status ?? 'missing');
    const level = (await countAppeals(trx, denialId)) + 1;
    const provider = (await providersFor(trx, [])).billing;
    const d = toDenial(row, todayOf(ctx));
    const subscriber = (claim.details as { subscriber?: { memberId?: string } }).subscriber;
    const letter: AppealLetterInput = {
      date: todayOf(ctx),
      level,
      provider: provider ? { name: provider.name, npi: provider.npi, address: provider.address } : null,
      payerName: row.payer_name,
      patientName: d.patientName,
      patientControlNumber: claim.patient_control_number,
      payerClaimNumber: await payerClaimNumber(trx, claim.id),
      memberId: subscriber?.memberId ?? null,
      serviceFrom: claim.service_from,
      serviceTo: claim.service_to,
      charge: money(claim.charge),
      denied: {
        reasonText: d.reasonText,
        remarks: row.remarks.map((c) => `${c} ${remarkText(c)}`),
        amount: d.amount,
        deniedOn: row.denied_on,
        line: d.line ? `${d.line.lineNo}, ${d.line.code}` : null,
      },
      reason: input.reason,
      records: input.records,
      signedBy: ctx.actor?.username ?? actorName(ctx),
    };
    const now = ctx.clock.now();
    const appeal = await insertAppeal(trx, {
      denial_id: denialId,
      claim_id: claim.id,
      level,
      reason: input.reason,
      records: input.records,
      letter: appealLetterText(letter),
      created_by: actorName(ctx),
      created_at: now,
    });
    if (claim.status !== 'appealed') {
      const version = await setClaimStatus(trx, claim.id, 'appealed', now);
      await insertClaimHistory(trx, [
        {
          claim_id: claim.id,
          version,
          action: 'appeal',
          status: 'appealed',
          snapshot: JSON.stringify({ denialId, appealId: appeal.id, level }),
          changed_by: actorName(ctx),
          changed_at: now,
        },
      ]);
    }
    await auditBilling(
      trx,
      ctx,
      'billing.appeal_created',
      [claim.patient_id],
      { level },
      {
        type: 'billing_denial_appeal',
        id: appeal.id,
      },
    );
    return detailOf(ctx, trx, denialId);
  });
}

/** The appeal letter as a PDF (from the text kept on the appeal row); audited as a read. */
export async function appealLetter(
  ctx: RequestContext,
  denialId: string,
  appealId: string,
): Promise<{ pdf: Uint8Array; fileName: string }> {
  const denial = await getDenial(ctx, denialId);
  const appeal = await findAppeal(ctx.db, denialId, appealId);
  if (!appeal) throw DenialErrors.notFound();
  await auditBilling(
    ctx.db,
    ctx,
    'billing.appeal_letter_read',
    [denial.patientId],
    {},
    {
      type: 'billing_denial_appeal',
      id: appealId,
    },
  );
  const fileName = `appeal-${denial.patientControlNumber}-${appeal.level}.pdf`;
  return { pdf: await appealLetterPdf(appeal.letter, fileName), fileName };
}

/**
 * Sends a denied claim again instead of appealing (issue 13; X12 CLM05-3): frequency `7` replaces the
 * prior claim (a corrected claim), `8` voids it. A new draft claim copies the original's lines and
 * diagnoses and points at it (`original_claim_id`, REF*F8 on the 837); it goes through the scrubber like
 * any other. The original is closed, and every denial of it still being worked becomes `resubmitted`.
 */
export async function resubmitDenial(
  ctx: RequestContext,
  denialId: string,
  input: { version: number; frequencyCode: '7' | '8'; note?: string | undefined },
) {
  await requireBilling(ctx, 'billing:write');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findDenial(trx, denialId);
    if (!row) throw DenialErrors.notFound();
    const original = await lockClaim(trx, row.claim_id);
    if (!original || !ANSWERED.includes(original.status))
      throw DenialErrors.claimNotResubmittable(original?.status ?? 'missing');
    const now = ctx.clock.now();
    const [pcn] = await nextControlNumbers(trx, 1);
    const [claim] = await insertClaims(trx, [
      {
        patient_control_number: pcn as string,
        encounter_id: original.encounter_id,
        patient_id: original.patient_id,
        coverage_id: original.coverage_id,
        payer_ref: original.payer_ref,
        payer_name: original.payer_name,
        payer_order: original.payer_order,
        type: original.type,
        status: 'draft',
        frequency_code: input.frequencyCode,
        original_claim_id: original.id,
        service_from: original.service_from,
        service_to: original.service_to,
        diagnoses: JSON.stringify(original.diagnoses),
        details: JSON.stringify(original.details),
        charge: original.charge,
        created_at: now,
        updated_at: now,
      },
    ]);
    if (!claim) throw DenialErrors.notFound();
    const lines = await claimLines(trx, original.id);
    await insertClaimLines(
      trx,
      lines.map((l) => ({
        claim_id: claim.id,
        line_no: l.line_no,
        charge_id: l.charge_id,
        code_system: l.code_system,
        code: l.code,
        modifiers: l.modifiers,
        units: l.units,
        service_date: l.service_date,
        diagnosis_pointers: l.diagnosis_pointers,
        place_of_service: l.place_of_service,
        revenue_code: l.revenue_code,
        rendering_user_id: l.rendering_user_id,
        charge: l.charge,
      })),
    );
    const closedVersion = await setClaimStatus(trx, original.id, 'closed', now);
    const action = input.frequencyCode === '7' ? 'corrected' : 'voided';
    await insertClaimHistory(trx, [
      {
        claim_id: claim.id,
        version: 1,
        action: input.frequencyCode === '7' ? 'build_corrected' : 'build_void',
        status: 'draft',
        snapshot: JSON.stringify({
          originalClaimId: original.id,
          denialId,
          frequencyCode: input.frequencyCode,
        }),
        changed_by: actorName(ctx),
        changed_at: now,
      },
      {
        claim_id: original.id,
        version: closedVersion,
        action,
        status: 'closed',
        snapshot: JSON.stringify({ byClaimId: claim.id, denialId }),
        changed_by: actorName(ctx),
        changed_at: now,
      },
    ]);
    const others = await openDenialsOfClaim(trx, original.id);
    await changeDenial(ctx, trx, denialId, input.version, {
      action: 'resubmitted',
      status: 'resubmitted',
      correctedClaimId: claim.id,
      note: input.note,
      details: { claimId: claim.id, frequencyCode: input.frequencyCode },
    });
    for (const o of others.filter((x) => x.id !== denialId))
      await changeDenial(ctx, trx, o.id, null, {
        action: 'resubmitted',
        status: 'resubmitted',
        correctedClaimId: claim.id,
        note: input.note,
        details: { claimId: claim.id, frequencyCode: input.frequencyCode, with: denialId },
      });
    return {
      denial: toDenial((await findDenial(trx, denialId)) ?? row, todayOf(ctx)),
      claim: {
        id: claim.id,
        patientControlNumber: claim.patient_control_number,
        frequencyCode: claim.frequency_code,
        status: claim.status,
        originalClaimId: original.id,
      },
    };
  });
}
