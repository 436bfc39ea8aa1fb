import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import { arr, codeIn, dateOf, IssueList, isObj, type Json, num, obj, str, textOf } from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
/** What the source did not state is written as such, never guessed (the chart requires these fields). */
const NOT_STATED = 'not stated';

type MedStatus = 'active' | 'on_hold' | 'stopped' | 'completed' | 'error' | 'reject';
/** MedicationRequest.status (R4 medicationrequest-status). */
const REQUEST_STATUS: Record<string, MedStatus> = {
  active: 'active',
  'on-hold': 'on_hold',
  cancelled: 'stopped',
  completed: 'completed',
  stopped: 'stopped',
  draft: 'reject',
  unknown: 'reject',
  'entered-in-error': 'error',
};
/** MedicationStatement.status (R4 medication-statement-status). */
const STATEMENT_STATUS: Record<string, MedStatus> = {
  active: 'active',
  completed: 'completed',
  intended: 'active',
  stopped: 'stopped',
  'on-hold': 'on_hold',
  unknown: 'reject',
  'not-taken': 'reject',
  'entered-in-error': 'error',
};

function frequency(dosage: Json | undefined): string | undefined {
  if (!dosage) return undefined;
  const rep = obj(obj(dosage.timing)?.repeat);
  const f = num(rep?.frequency);
  const p = num(rep?.period);
  const unit = str(rep?.periodUnit);
  if (f !== undefined && p !== undefined && unit) return `${f} per ${p} ${unit}`;
  if (dosage.asNeededBoolean === true) return 'as needed';
  return textOf(obj(dosage.timing)?.code);
}

function dose(dosage: Json | undefined): string | undefined {
  const q = obj(obj(arr(dosage?.doseAndRate).filter(isObj)[0])?.doseQuantity);
  const v = num(q?.value);
  return v === undefined ? str(dosage?.text) : `${v} ${str(q?.unit) ?? ''}`.trim();
}

/**
 * FHIR MedicationRequest or MedicationStatement → a medication in the chart's list. Dose, route and
 * frequency the source did not state are recorded as "not stated".
 */
export function mapMedication(r: Json): MapOutcome {
  const type = r.resourceType === 'MedicationStatement' ? 'MedicationStatement' : 'MedicationRequest';
  const list = new IssueList(type);
  if (isObj(r.medication))
    list.add('medication', 'structure', 'is a CodeableReference: this looks like FHIR R5; send FHIR R4');
  const patientRef = patientRefOf(r, list);
  const table = type === 'MedicationStatement' ? STATEMENT_STATUS : REQUEST_STATUS;
  const raw = str(r.status);
  const status = raw ? list.code('status', raw, table) : list.required('status');
  if (status === 'reject')
    list.add('status', 'business-rule', `a medication with status ${raw} is not on the list; not recorded`);
  const dosage = obj(arr(type === 'MedicationStatement' ? r.dosage : r.dosageInstruction)[0]);
  const effective = obj(r.effectivePeriod);
  return entryOutcome(
    list,
    {
      kind: 'medication',
      data: {
        drug: (textOf(r.medicationCodeableConcept) ?? str(obj(r.medicationReference)?.display))?.slice(
          0,
          200,
        ),
        rxnormCode: codeIn(r.medicationCodeableConcept, RXNORM),
        dose: (dose(dosage) ?? NOT_STATED).slice(0, 80),
        route: (textOf(dosage?.route) ?? NOT_STATED).slice(0, 80),
        frequency: (frequency(dosage) ?? NOT_STATED).slice(0, 80),
        startDate: dateOf(r.authoredOn) ?? dateOf(effective?.start) ?? dateOf(r.effectiveDateTime),
        stopDate: dateOf(effective?.end) ?? dateOf(obj(obj(r.dispenseRequest)?.validityPeriod)?.end),
        prescriber: str(obj(r.requester)?.display)?.slice(0, 200),
        status: status === 'error' ? 'completed' : status,
      },
      patientRef,
      encounterRef: encounterRefOf(r),
      enteredInError: status === 'error',
    },
    {
      drug: 'medicationCodeableConcept',
      rxnormCode: 'medicationCodeableConcept.coding.code',
      status: 'status',
      startDate: 'authoredOn',
    },
  );
}
