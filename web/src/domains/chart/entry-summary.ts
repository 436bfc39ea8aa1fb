/** How entries read in tables: one title and one line of details per kind. */
const s = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** One line for tables: what the entry is, and its key details. */
export function entrySummary(kind: string, d: Record<string, unknown>): { title: string; detail: string } {
  switch (kind) {
    case 'problem':
      return {
        title: s(d.description),
        detail: [d.code, d.status, d.onsetDate && `since ${s(d.onsetDate)}`].filter(Boolean).join(' · '),
      };
    case 'surgery':
      return { title: s(d.procedure), detail: [d.date, d.note].filter(Boolean).join(' · ') };
    case 'family_history':
      return { title: `${s(d.relation)}: ${s(d.condition)}`, detail: s(d.code) };
    case 'social_history':
      return {
        title: `Tobacco ${s(d.tobacco)}, alcohol ${s(d.alcohol)}`,
        detail: [d.tobaccoDetail, d.alcoholDetail].filter(Boolean).join(' · '),
      };
    case 'concern':
      return { title: `“${s(d.patientWords)}”`, detail: s(d.type).replace(/_/g, ' ') };
    case 'immunization':
      return {
        title: s(d.vaccine),
        detail: [d.cvxCode && `CVX ${s(d.cvxCode)}`, d.date, s(d.status).replace(/_/g, ' ')]
          .filter(Boolean)
          .join(' · '),
      };
    case 'medication':
      return {
        title: s(d.drug),
        detail: [d.dose, d.route, d.frequency, d.status].filter(Boolean).join(' · '),
      };
    case 'med_reconciliation':
      return {
        title: `Reviewed by ${s(d.reviewedBy)}`,
        detail: [d.reviewedAt && new Date(s(d.reviewedAt)).toLocaleString(), d.note]
          .filter(Boolean)
          .join(' · '),
      };
    case 'allergy':
      return {
        title: s(d.substance),
        detail: [d.reaction, d.severity, `criticality ${s(d.criticality)}`, d.status]
          .filter(Boolean)
          .join(' · '),
      };
    case 'allergy_assertion':
      return { title: 'No known allergies', detail: 'stated by the patient' };
    case 'result':
      return { title: s(d.name), detail: resultValue(d) };
    case 'diagnosis':
      return {
        title: s(d.description),
        detail: [d.primary ? 'primary' : '', d.provisionalCode].filter(Boolean).join(' · '),
      };
    case 'procedure':
      return { title: s(d.description), detail: s(d.code) };
    case 'order':
      return { title: s(d.test), detail: s(d.status) };
    case 'note':
      return { title: s(d.title), detail: `${s(d.noteType).replace(/_/g, ' ')} · ${s(d.status)}` };
    default:
      return { title: kind, detail: '' };
  }
}

export function resultValue(d: Record<string, unknown>): string {
  const value = d.value !== undefined ? `${s(d.value)} ${s(d.units)}`.trim() : s(d.valueText);
  const range =
    d.referenceLow !== undefined || d.referenceHigh !== undefined
      ? ` (ref ${s(d.referenceLow)}–${s(d.referenceHigh)})`
      : d.referenceText
        ? ` (ref ${s(d.referenceText)})`
        : '';
  return value + range;
}
