import type { RequestContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { coverageOn } from '../claims.service.ts';
import { auditBilling, requireBilling } from '../gate.ts';
import type { CobDetails } from '../remit/cob.ts';
import { claim837Of, party, sendableClaim } from '../x12/batch.service.ts';
import { type Cms1500Input, cms1500Pdf } from './cms1500.ts';

export const PaperErrors = {
  notProfessional: () =>
    new AppError(
      'CLAIM_NOT_PROFESSIONAL',
      'The CMS-1500 form is for professional (837P) claims; this is an institutional claim, which payers take on a UB-04. Send it as an 837I.',
      409,
    ),
};

/**
 * The CMS-1500 (02/12) PDF of one professional claim, for payers that take paper (issue 13): the claim
 * must pass the scrubber, as for the 837. Reading it is a read of the patient's claim: billing:read,
 * restricted patients answer not found, audited `billing.claim_cms1500`.
 */
export async function claimCms1500(
  ctx: RequestContext,
  claimId: string,
): Promise<{ fileName: string; pdf: Uint8Array }> {
  await requireBilling(ctx, 'billing:read');
  return ctx.db.transaction().execute(async (trx) => {
    const { facts, originals } = await sendableClaim(ctx, trx, claimId);
    const c = facts.claim;
    if (c.type !== 'P') throw PaperErrors.notProfessional();
    const bp = facts.billingProvider;
    const payer = facts.payer;
    if (!bp || !payer) throw new AppError('CLAIM_NOT_FOUND', 'The claim was not found.', 404);
    const cob = (c.details as { cob?: CobDetails }).cob;
    // Box 9: the other plan — on a secondary claim the primary it follows, on a primary claim the next
    // coverage in force on the date of service.
    const next = coverageOn(
      (facts.patient?.coverage ?? []).filter((x) => x.id !== c.coverage_id),
      c.service_from,
    );
    const otherInsured: Cms1500Input['otherInsured'] = cob
      ? {
          name: cob.subscriber.name,
          memberId: cob.subscriber.memberId,
          groupNumber: cob.subscriber.groupNumber,
          planName: cob.payer.name,
        }
      : next
        ? {
            name: next.subscriberName,
            memberId: next.memberId,
            groupNumber: next.groupNumber,
            planName: next.payer,
          }
        : null;
    const pdf = await cms1500Pdf({
      claim: claim837Of(facts, originals),
      payer: { name: payer.name, payerId: payer.payer_id, filingIndicator: payer.filing_indicator },
      billingProvider: party(bp),
      otherInsured,
      amountPaid: cob?.paid ?? 0,
      date: ctx.clock.now().toISOString().slice(0, 10),
    });
    await auditBilling(trx, ctx, 'billing.claim_cms1500', [c.patient_id], undefined, {
      type: 'Claim',
      id: c.id,
    });
    return { fileName: `cms1500-${c.patient_control_number}.pdf`, pdf };
  });
}
