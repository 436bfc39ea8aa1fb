import { encounterRefOf, entryOutcome, patientRefOf } from './entry.ts';
import {
  arr,
  codeIn,
  codings,
  IssueList,
  instantOf,
  isObj,
  type Json,
  num,
  obj,
  str,
  textOf,
} from './fhir-values.ts';
import type { MapOutcome } from './types.ts';

/** Observation.status (R4 observation-status) → result status; `error` marks entered-in-error. */
const STATUS: Record<string, 'preliminary' | 'final' | 'corrected' | 'error'> = {
  registered: 'preliminary',
  preliminary: 'preliminary',
  final: 'final',
  amended: 'corrected',
  corrected: 'corrected',
  'entered-in-error': 'error',
};
/** Observation.interpretation (v3 ObservationInterpretation) → the chart's abnormal flag. */
const FLAG: Record<string, string> = {
  N: 'normal',
  L: 'low',
  H: 'high',
  LL: 'critical_low',
  HH: 'critical_high',
  A: 'abnormal',
  AA: 'abnormal',
};

function quantityText(q: unknown): string | undefined {
  const o = obj(q);
  const v = num(o?.value);
  return v === undefined ? undefined : `${v} ${str(o?.unit) ?? str(o?.code) ?? ''}`.trim();
}

/** A value that is not a number (coded, text, or a panel's components) as text. */
function valueText(r: Json): string | undefined {
  const own = textOf(r.valueCodeableConcept) ?? str(r.valueString) ?? str(r.valueDateTime);
  if (own) return own;
  if (typeof r.valueBoolean === 'boolean') return r.valueBoolean ? 'yes' : 'no';
  const parts = arr(r.component)
    .filter(isObj)
    .map((c) => {
      const v = quantityText(c.valueQuantity) ?? textOf(c.valueCodeableConcept) ?? str(c.valueString);
      return v ? `${textOf(c.code) ?? 'component'}: ${v}` : undefined;
    })
    .filter(Boolean);
  return parts.length ? parts.join('; ').slice(0, 1000) : undefined;
}

/** FHIR Observation → a result (LOINC code and name, value with units or as text, reference range). */
export function mapObservation(r: Json): MapOutcome {
  const list = new IssueList('Observation');
  const patientRef = patientRefOf(r, list);
  const rawStatus = str(r.status);
  const status = rawStatus ? list.code('status', rawStatus, STATUS) : list.required('status');
  const code = codeIn(r.code, 'http://loinc.org') ?? codings(r.code).map((c) => str(c.code))[0];
  if (!code) list.required('code.coding', 'a coded test (LOINC) is required');
  const performedAt =
    instantOf(r.effectiveDateTime) ??
    instantOf(obj(r.effectivePeriod)?.start) ??
    instantOf(r.effectiveInstant) ??
    instantOf(r.issued);
  if (!performedAt) list.required('effectiveDateTime', 'when the test was done is required');
  const q = obj(r.valueQuantity);
  const range = obj(arr(r.referenceRange)[0]);
  return entryOutcome(
    list,
    {
      kind: 'result',
      data: {
        code: code?.slice(0, 40),
        name: textOf(r.code)?.slice(0, 200),
        value: num(q?.value),
        units: (str(q?.unit) ?? str(q?.code))?.slice(0, 40),
        valueText: q ? undefined : valueText(r),
        referenceLow: num(obj(range?.low)?.value),
        referenceHigh: num(obj(range?.high)?.value),
        referenceText: str(range?.text)?.slice(0, 200),
        abnormalFlag: FLAG[codeIn(arr(r.interpretation)[0]) ?? ''],
        status: status === 'error' ? 'final' : status,
        performedAt,
        reportedAt: instantOf(r.issued),
      },
      patientRef,
      encounterRef: encounterRefOf(r),
      enteredInError: status === 'error',
    },
    {
      code: 'code',
      name: 'code.text',
      value: 'valueQuantity.value',
      units: 'valueQuantity.unit',
      status: 'status',
      performedAt: 'effectiveDateTime',
      reportedAt: 'issued',
    },
  );
}
