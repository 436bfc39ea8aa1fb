/**
 * Fees for copies. For the patient's own request (right of access, 45 CFR 164.524(c)(4)) only a
 * reasonable cost-based fee for copying labour, supplies, postage and an agreed summary is allowed —
 * never search, retrieval or verification — and OCR accepts a flat fee of at most $6.50 for electronic
 * copies of electronic records. Copies sent to third parties follow the facility schedule (Ciox v. Azar).
 */
export interface FeeSchedule {
  /** Per page for paper copies to third parties. */
  perPagePaper: number;
  /** Flat search/retrieval fee for third parties (not allowed for patients). */
  retrievalFee: number;
  /** Flat fee for electronic copies to the patient (≤ 6.50). */
  patientElectronicFlat: number;
  /** Labour per page for the patient's paper copies (cost-based). */
  patientPerPagePaper: number;
  postage: number;
}

export const DEFAULT_FEES: FeeSchedule = {
  perPagePaper: 0.5,
  retrievalFee: 15,
  patientElectronicFlat: 6.5,
  patientPerPagePaper: 0.1,
  postage: 1.5,
};

export interface FeeLine {
  item: string;
  amount: number;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function computeFees(
  kind: 'patient' | 'third-party' | 'no-charge',
  delivery: 'electronic' | 'mail',
  pages: number,
  schedule: FeeSchedule = DEFAULT_FEES,
): { lines: FeeLine[]; total: number } {
  const lines: FeeLine[] = [];
  if (kind === 'no-charge') return { lines, total: 0 };
  if (kind === 'patient') {
    if (delivery === 'electronic')
      lines.push({
        item: 'Electronic copy (flat, 45 CFR 164.524(c)(4))',
        amount: Math.min(schedule.patientElectronicFlat, 6.5),
      });
    else
      lines.push({
        item: `Copying labour and supplies, ${pages} pages`,
        amount: cents(pages * schedule.patientPerPagePaper),
      });
  } else {
    lines.push({ item: 'Search and retrieval', amount: schedule.retrievalFee });
    if (delivery === 'mail')
      lines.push({ item: `Paper copies, ${pages} pages`, amount: cents(pages * schedule.perPagePaper) });
  }
  if (delivery === 'mail') lines.push({ item: 'Postage', amount: schedule.postage });
  return { lines, total: cents(lines.reduce((s, l) => s + l.amount, 0)) };
}
