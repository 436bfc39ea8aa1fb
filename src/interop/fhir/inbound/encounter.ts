import { compact, patientRefOf } from './entry.ts';
import { arr, firstText, IssueList, instantOf, isObj, type Json, obj, str, textOf } from './fhir-values.ts';
import type { EncounterImport, MapOutcome } from './types.ts';

/** Encounter.status (R4 encounter-status) → the chart's visit life cycle. */
const STATUS: Record<string, EncounterImport['status'] | 'error'> = {
  planned: 'scheduled',
  arrived: 'arrived',
  triaged: 'arrived',
  'in-progress': 'in_progress',
  onleave: 'in_progress',
  finished: 'completed',
  cancelled: 'cancelled',
  'entered-in-error': 'error',
};
/** Encounter.class (v3 ActCode): inpatient stays vs. everything the chart books as an appointment. */
const INPATIENT = new Set(['IMP', 'ACUTE', 'NONAC', 'PRENC']);
const KNOWN_CLASSES = new Set(['AMB', 'EMER', 'FLD', 'HH', 'OBSENC', 'SS', 'VR', ...INPATIENT]);

/** FHIR Encounter → a chart encounter. The provider (a user of this system) is never inferred. */
export function mapEncounter(r: Json): MapOutcome {
  const list = new IssueList('Encounter');
  if (Array.isArray(r.class))
    list.add(
      'class',
      'structure',
      'is a list: this looks like FHIR R5 (R4 has a single Coding); send FHIR R4',
    );
  const patientRef = patientRefOf(r, list);
  const cls = str(obj(r.class)?.code);
  if (!cls) list.required('class');
  else if (!KNOWN_CLASSES.has(cls))
    list.add('class', 'code-invalid', `'${cls}' is not a v3 ActCode encounter class`);
  const rawStatus = str(r.status);
  const status = rawStatus
    ? list.code('status', rawStatus, STATUS, Object.keys(STATUS).join(', '))
    : list.required('status');
  const period = obj(r.period);
  const startsAt =
    instantOf(period?.start) ?? list.required('period.start', 'a start date and time is required');
  if (list.issues.length || !patientRef || !status || !startsAt) return { ok: false, issues: list.issues };
  const inpatient = INPATIENT.has(cls ?? '');
  const location = arr(r.location)
    .filter(isObj)
    .map((l) => str(obj(l.location)?.display))[0];
  const input = compact({
    class: inpatient ? 'inpatient' : 'appointment',
    status: status === 'error' ? 'completed' : status,
    startsAt,
    type: (firstText(r.type) ?? cls ?? 'encounter').slice(0, 80),
    location: (location ?? str(obj(r.serviceProvider)?.display) ?? 'not stated').slice(0, 120),
    reason: (firstText(r.reasonCode) ?? 'not stated').slice(0, 500),
    dischargedAt: inpatient ? instantOf(period?.end) : undefined,
    dischargeDisposition: textOf(obj(r.hospitalization)?.dischargeDisposition)?.slice(0, 120),
  }) as unknown as EncounterImport;
  return {
    ok: true,
    write: {
      target: 'encounter',
      patientRef,
      input,
      ...(status === 'error' ? { enteredInError: true } : {}),
    },
    warnings: list.warnings,
  };
}
