import type { ChartEntry } from '../../chart/index.ts';

/**
 * FHIR forms of the records the REST facade does not publish (yet) but a bulk export must carry so a
 * receiving system gets the whole record: clinical notes (DocumentReference with inline text, as Synthea
 * and most bulk exports carry notes), immunization history, and claims/EOBs kept as billing history.
 */
const meta = (e: ChartEntry) => ({ versionId: String(e.version), lastUpdated: e.updatedAt });
const LOINC_NOTE: Record<string, [string, string]> = {
  history_and_physical: ['34117-2', 'History and physical note'],
  progress_note: ['11506-3', 'Progress note'],
  consultation: ['11488-4', 'Consult note'],
  operative_report: ['11504-8', 'Surgical operation note'],
  discharge_summary: ['18842-5', 'Discharge summary'],
  procedure_note: ['28570-0', 'Procedure note'],
};

export function noteToFhir(e: ChartEntry): Record<string, unknown> {
  const d = e.data as { noteType: string; title: string; text: string; status: 'draft' | 'final' };
  const loinc = LOINC_NOTE[d.noteType];
  return {
    resourceType: 'DocumentReference',
    id: e.id,
    meta: meta(e),
    status: e.enteredInError ? 'entered-in-error' : 'current',
    docStatus: d.status === 'draft' ? 'preliminary' : 'final',
    type: loinc
      ? { coding: [{ system: 'http://loinc.org', code: loinc[0], display: loinc[1] }], text: d.title }
      : { text: d.title },
    description: d.title,
    subject: { reference: `Patient/${e.patientId}` },
    date: e.createdAt,
    content: [
      {
        attachment: {
          contentType: 'text/plain; charset=utf-8',
          data: Buffer.from(d.text, 'utf8').toString('base64'),
        },
      },
    ],
    ...(e.encounterId ? { context: { encounter: [{ reference: `Encounter/${e.encounterId}` }] } } : {}),
  };
}

export function immunizationToFhir(e: ChartEntry): Record<string, unknown> {
  const d = e.data as {
    vaccine: string;
    cvxCode?: string;
    date?: string;
    status: 'completed' | 'not_done';
    note?: string;
  };
  return {
    resourceType: 'Immunization',
    id: e.id,
    meta: meta(e),
    status: e.enteredInError ? 'entered-in-error' : d.status === 'not_done' ? 'not-done' : 'completed',
    vaccineCode: d.cvxCode
      ? { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: d.cvxCode }], text: d.vaccine }
      : { text: d.vaccine },
    patient: { reference: `Patient/${e.patientId}` },
    ...(e.encounterId ? { encounter: { reference: `Encounter/${e.encounterId}` } } : {}),
    ...(d.date ? { occurrenceDateTime: d.date } : { occurrenceString: 'date not recorded' }),
    ...(d.note ? { statusReason: { text: d.note } } : {}),
  };
}

/** A kept Claim or EOB as received, with its patient pointing at the record here and our id. */
export function billingToFhir(row: {
  id: string;
  patient_id: string;
  resource: Record<string, unknown>;
  version: number;
  updated_at: Date;
}) {
  return {
    ...row.resource,
    id: row.id,
    meta: { versionId: String(row.version), lastUpdated: row.updated_at.toISOString() },
    patient: { reference: `Patient/${row.patient_id}` },
  };
}
