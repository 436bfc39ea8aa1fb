/**
 * The abstract screen's groups (issue 14 "grouped as the abstract screen shows them"): which NAACCR items by
 * XML id, in what order. Types, lengths and allowed codes are the dictionary's, checked by the server as the
 * registrar types (POST /api/registry/edits); only the grouping lives here.
 */
export interface FieldDef {
  id: string;
  num: number;
  label: string;
  level: 'Tumor' | 'Patient';
  hint?: string;
}

const t = (id: string, num: number, label: string, hint?: string): FieldDef => ({
  id,
  num,
  label,
  level: 'Tumor',
  hint,
});
const p = (id: string, num: number, label: string, hint?: string): FieldDef => ({
  id,
  num,
  label,
  level: 'Patient',
  hint,
});

export const ABSTRACT_GROUPS: { title: string; fields: FieldDef[] }[] = [
  {
    title: 'Diagnosis',
    fields: [
      t('dateOfDiagnosis', 390, 'Date of diagnosis', 'YYYYMMDD'),
      t('primarySite', 400, 'Primary site', 'ICD-O-3 topography, e.g. C504'),
      t('laterality', 410, 'Laterality', '0 not paired, 1 right, 2 left, 9 unknown'),
      t('histologicTypeIcdO3', 522, 'Histology', 'ICD-O-3, e.g. 8500'),
      t('behaviorCodeIcdO3', 523, 'Behaviour', '2 in situ, 3 malignant'),
      t('gradeClinical', 3843, 'Grade clinical'),
      t('diagnosticConfirmation', 490, 'Diagnostic confirmation', '1 positive histology'),
      t('classOfCase', 610, 'Class of case', '00–22 analytic'),
      t('sequenceNumberHospital', 560, 'Sequence number (hospital)', '00 one primary only'),
      t('dateOf1stContact', 580, 'Date of first contact', 'YYYYMMDD'),
    ],
  },
  { title: 'Stage', fields: [t('summaryStage2018', 764, 'SEER Summary Stage 2018', '0–7, 9')] },
  {
    title: 'First-course treatment',
    fields: [
      t('rxSummSurgPrimSite', 1290, 'Surgery of primary site', '00 none'),
      t('rxDateSurgery', 1200, 'Date of surgery', 'YYYYMMDD'),
      t('reasonForNoSurgery', 1340, 'Reason for no surgery'),
      t('rxSummRadiation', 1360, 'Radiation', '0 none'),
      t('rxSummChemo', 1390, 'Chemotherapy', '00 none'),
      t('rxSummHormone', 1400, 'Hormone therapy', '00 none'),
      t('rxSummBrm', 1410, 'Immunotherapy', '00 none'),
      t('rxSummTransplntEndocr', 3250, 'Transplant / endocrine', '00 none'),
    ],
  },
  {
    title: 'Follow-up',
    fields: [
      p('dateOfLastContact', 1750, 'Date of last contact', 'YYYYMMDD'),
      p('vitalStatus', 1760, 'Vital status', '0 dead, 1 alive'),
      t('cancerStatus', 1770, 'Cancer status', '1 no evidence, 2 evidence, 9 unknown'),
    ],
  },
];

/** Demographics shown from the patient index (not typed twice). */
export const DEMOGRAPHICS: FieldDef[] = [
  p('nameLast', 2230, 'Last name'),
  p('nameFirst', 2240, 'First name'),
  p('dateOfBirth', 240, 'Date of birth'),
  p('sexAssignedAtBirth', 225, 'Sex assigned at birth'),
];

/** The changes to send: every field whose value differs from the saved one (blank removes it). */
export function changedValues(
  saved: Record<string, string>,
  edited: Record<string, string>,
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(edited))
    if ((saved[k] ?? '') !== v.trim()) out[k] = v.trim() === '' ? null : v.trim();
  return out;
}

const SOURCES: Record<string, string> = {
  encounter: 'an encounter in the chart (passive follow-up)',
  result: 'a result in the chart (passive follow-up)',
  death: 'the death recorded in the patient index (passive follow-up)',
  letter_reply: 'a reply to a follow-up letter',
  phone: 'a phone call',
  chart_review: 'a chart review',
  other: 'another source',
};

/**
 * Where the date of last contact (#1750) came from, as the Follow-up section says it (issue 14: "with the
 * source named").
 * @example contactSourceText(tumour.lastContact, tumour.patientItems.dateOfLastContact)
 */
export function contactSourceText(
  c: { contactDate: string; vitalStatus: '0' | '1'; sourceKind: string; recordedBy: string } | null,
  dateOfLastContact: string | undefined,
): string {
  // #1750 typed on the abstract after the last contact (or with none) has no contact behind it.
  if (!c || c.contactDate.replace(/-/g, '') !== dateOfLastContact)
    return dateOfLastContact
      ? 'Date of last contact entered on the abstract; no follow-up contact gives it.'
      : 'No follow-up contact recorded yet.';
  const status = c.vitalStatus === '0' ? 'dead' : 'alive';
  return `Last contact ${c.contactDate} (${status}) from ${SOURCES[c.sourceKind] ?? c.sourceKind}, recorded by ${c.recordedBy}.`;
}
