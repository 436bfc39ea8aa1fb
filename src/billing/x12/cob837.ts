import type { CobAdjustment, CobDetails } from '../remit/cob.ts';
import { x12Amount as amount, x12Text as clean, personName, RELATIONSHIP, SBR01 } from './claim837.ts';
import { comp, seg, type X12Segment } from './segment.ts';

const d8 = (iso: string) => iso.slice(0, 10).replace(/-/g, '');

/**
 * CAS segments of one adjudication: one CAS per group code (CAS01), up to six reason/amount triplets each
 * (X12 CAS02–CAS19), a further CAS for more.
 */
export function casSegments(adjustments: CobAdjustment[]): X12Segment[] {
  const groups = new Map<string, CobAdjustment[]>();
  for (const a of adjustments) if (a.amount !== 0) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  const out: X12Segment[] = [];
  for (const [group, list] of groups)
    for (let i = 0; i < list.length; i += 6)
      out.push(seg('CAS', group, ...list.slice(i, i + 6).flatMap((a) => [a.reason, amount(a.amount), ''])));
  return out;
}

/**
 * Loop 2320 other subscriber information with 2330A (other subscriber) and 2330B (other payer), for a
 * claim to the next payer after an earlier payer's 835 (X222A1/X223A2): SBR01 is the earlier payer's
 * order; claim-level CAS; AMT*D what it paid; AMT*EAF the patient liability it left; OI assignment and
 * release. DTP*573 goes on 2330B only when no line was adjudicated (else per line in 2430).
 */
export function otherPayerSegments(cob: CobDetails): X12Segment[] {
  const s = cob.subscriber;
  const [family, given] = personName(s.name);
  const out: X12Segment[] = [
    seg(
      'SBR',
      SBR01[cob.payer.order],
      RELATIONSHIP[s.relationship] ?? 'G8',
      clean(s.groupNumber, 50),
      '',
      '',
      '',
      '',
      '',
      cob.payer.filingIndicator,
    ),
    ...casSegments(cob.claimAdjustments),
    seg('AMT', 'D', amount(cob.paid)),
  ];
  if (cob.patientResponsibility > 0) out.push(seg('AMT', 'EAF', amount(cob.patientResponsibility)));
  out.push(
    seg('OI', '', '', 'Y', '', '', 'Y'),
    seg('NM1', 'IL', '1', family, given, '', '', '', 'MI', clean(s.memberId, 80)),
    seg('NM1', 'PR', '2', clean(cob.payer.name), '', '', '', '', 'PI', clean(cob.payer.payerId, 80)),
  );
  if (cob.lines.length === 0) out.push(seg('DTP', '573', 'D8', d8(cob.adjudicatedOn)));
  if (cob.payerClaimNumber) out.push(seg('REF', 'F8', clean(cob.payerClaimNumber, 50)));
  return out;
}

/**
 * Loop 2430 line adjudication for one service line: SVD (payer id, paid, procedure as adjudicated,
 * SVD04 the revenue code on the 837I only, units), the line's CAS and DTP*573 the adjudication date.
 */
export function lineAdjudicationSegments(
  cob: CobDetails,
  lineNo: number,
  revenueCode: string | null,
): X12Segment[] {
  const l = cob.lines.find((x) => x.lineNo === lineNo);
  if (!l) return [];
  return [
    seg(
      'SVD',
      clean(cob.payer.payerId, 80),
      amount(l.paid),
      comp('HC', l.code, ...l.modifiers.slice(0, 4)),
      revenueCode ?? '',
      l.units,
    ),
    ...casSegments(l.adjustments),
    seg('DTP', '573', 'D8', d8(cob.adjudicatedOn)),
  ];
}
