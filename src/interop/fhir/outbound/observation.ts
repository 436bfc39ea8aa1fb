import type { Observation } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { codeable, compact, patientRef, SYSTEMS } from './common.ts';
import { dataOf, entryFrame } from './entry-common.ts';

interface ResultData {
  code: string;
  name: string;
  value?: number;
  units?: string;
  valueText?: string;
  referenceLow?: number;
  referenceHigh?: number;
  referenceText?: string;
  abnormalFlag?: string;
  status: 'preliminary' | 'final' | 'corrected';
  performedAt: string;
  reportedAt?: string;
}

/** Abnormal flags → v3 ObservationInterpretation (R4 valueset-observation-interpretation). */
export const INTERPRETATION: Record<string, { code: string; display: string }> = {
  normal: { code: 'N', display: 'Normal' },
  low: { code: 'L', display: 'Low' },
  high: { code: 'H', display: 'High' },
  critical_low: { code: 'LL', display: 'Critical low' },
  critical_high: { code: 'HH', display: 'Critical high' },
  abnormal: { code: 'A', display: 'Abnormal' },
};

/** LOINC codes look like 2345-7 (digits, dash, check digit); anything else is a local test code. */
export const isLoinc = (code: string): boolean => /^\d{1,7}-\d$/.test(code);

/** A result is a laboratory Observation (R4 observation.html; US Core Laboratory Result Observation). */
export function observationToFhir(e: ChartEntry): Observation {
  const r = dataOf<ResultData>(e);
  const flag = r.abnormalFlag ? INTERPRETATION[r.abnormalFlag] : undefined;
  const range = compact({
    low: r.referenceLow !== undefined ? compact({ value: r.referenceLow, unit: r.units }) : undefined,
    high: r.referenceHigh !== undefined ? compact({ value: r.referenceHigh, unit: r.units }) : undefined,
    text: r.referenceText,
  });
  return compact<Observation>({
    resourceType: 'Observation',
    ...entryFrame(e),
    status: e.enteredInError ? 'entered-in-error' : r.status,
    category: [codeable(SYSTEMS.observationCategory, 'laboratory', 'Laboratory')],
    code: codeable(isLoinc(r.code) ? SYSTEMS.loinc : SYSTEMS.testCode, r.code, r.name, r.name),
    subject: patientRef(e.patientId),
    effectiveDateTime: r.performedAt,
    issued: r.reportedAt,
    valueQuantity: r.value !== undefined ? compact({ value: r.value, unit: r.units }) : undefined,
    valueString: r.value === undefined ? r.valueText : undefined,
    note: r.value !== undefined && r.valueText ? [{ text: r.valueText }] : undefined,
    interpretation: flag ? [codeable(SYSTEMS.interpretation, flag.code, flag.display)] : undefined,
    referenceRange: Object.keys(range).length > 0 ? [range] : undefined,
  });
}
