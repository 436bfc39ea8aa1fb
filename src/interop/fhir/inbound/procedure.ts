import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import { codings, dateOf, IssueList, instantOf, type Json, obj, str, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const STATUS = [
  'preparation',
  'in-progress',
  'not-done',
  'on-hold',
  'stopped',
  'completed',
  'entered-in-error',
  'unknown',
];

/**
 * FHIR Procedure → a procedure outcome of its encounter, or a past surgery in the history when the
 * source names no encounter (the chart keeps procedures only as outcomes of a visit).
 */
export function mapProcedure(r: Json): MapOutcome {
  const list = new IssueList('Procedure');
  const patientRef = patientRefOf(r, list);
  const status = str(r.status) ?? list.required('status');
  if (status && !STATUS.includes(status))
    list.add('status', 'code-invalid', `'${status}' is not one of ${STATUS.join(', ')}`);
  if (status === 'not-done' || status === 'preparation')
    list.add('status', 'business-rule', `a procedure with status ${status} was not performed; not recorded`);
  const description = textOf(r.code)?.slice(0, 500);
  const code = codings(r.code).map((c) => str(c.code))[0];
  const performed = instantOf(r.performedDateTime) ?? instantOf(obj(r.performedPeriod)?.start);
  const encounterRef = encounterRefOf(r);
  const enteredInError = status === 'entered-in-error';
  if (!encounterRef)
    return entryOutcome(
      list,
      {
        kind: 'surgery',
        data: { procedure: description, date: dateOf(performed) },
        patientRef,
        enteredInError,
      },
      { procedure: 'code', date: 'performedDateTime' },
    );
  return entryOutcome(
    list,
    {
      kind: 'procedure',
      data: { description, code: code && code.length <= 20 ? code : undefined, performedAt: performed },
      patientRef,
      encounterRef,
      enteredInError,
    },
    { description: 'code', code: 'code.coding.code', performedAt: 'performedDateTime' },
  );
}
