import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import { codeIn, dateOf, IssueList, type Json, str, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const CVX = 'http://hl7.org/fhir/sid/cvx';
/** Immunization.status (R4 immunization-status). */
const STATUS = { completed: 'completed', 'not-done': 'not_done', 'entered-in-error': 'completed' } as const;

/** FHIR Immunization → an immunization in the history (vaccine, CDC CVX code, date). */
export function mapImmunization(r: Json): MapOutcome {
  const list = new IssueList('Immunization');
  const patientRef = patientRefOf(r, list, 'patient');
  const raw = str(r.status);
  const status = raw ? list.code('status', raw, STATUS) : list.required('status');
  const cvx = codeIn(r.vaccineCode, CVX);
  return entryOutcome(
    list,
    {
      kind: 'immunization',
      data: {
        vaccine: textOf(r.vaccineCode)?.slice(0, 200),
        cvxCode: cvx && /^\d{1,3}$/.test(cvx) ? cvx : undefined,
        date: dateOf(r.occurrenceDateTime),
        status,
        note: textOf(r.statusReason)?.slice(0, 500),
      },
      patientRef,
      encounterRef: encounterRefOf(r),
      enteredInError: raw === 'entered-in-error',
    },
    {
      vaccine: 'vaccineCode',
      cvxCode: 'vaccineCode.coding.code',
      date: 'occurrenceDateTime',
      status: 'status',
    },
  );
}
