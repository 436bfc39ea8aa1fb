import type { MedicationStatement } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { compact, patientRef, SYSTEMS } from './common.ts';
import { dataOf, entryFrame } from './entry-common.ts';

interface MedicationData {
  drug: string;
  rxnormCode?: string;
  dose: string;
  route: string;
  frequency: string;
  startDate?: string;
  stopDate?: string;
  prescriber?: string;
  status: 'active' | 'on_hold' | 'stopped' | 'completed';
}

/** R4 MedicationStatement status codes (valueset-medication-statement-status). */
export const MEDICATION_STATUS: Record<string, MedicationStatement['status']> = {
  active: 'active',
  on_hold: 'on-hold',
  stopped: 'stopped',
  completed: 'completed',
};

/** A medication-list entry is what the patient takes: a MedicationStatement (R4 medicationstatement.html). */
export function medicationStatementToFhir(e: ChartEntry): MedicationStatement {
  const m = dataOf<MedicationData>(e);
  const { encounter, ...frame } = entryFrame(e);
  return compact<MedicationStatement>({
    resourceType: 'MedicationStatement',
    ...frame,
    status: e.enteredInError ? 'entered-in-error' : (MEDICATION_STATUS[m.status] ?? 'unknown'),
    medicationCodeableConcept: m.rxnormCode
      ? { coding: [{ system: SYSTEMS.rxnorm, code: m.rxnormCode, display: m.drug }], text: m.drug }
      : { text: m.drug },
    subject: patientRef(e.patientId),
    context: encounter,
    effectivePeriod: m.startDate || m.stopDate ? compact({ start: m.startDate, end: m.stopDate }) : undefined,
    dateAsserted: e.createdAt,
    informationSource: m.prescriber ? { display: m.prescriber } : undefined,
    dosage: [
      {
        text: `${m.dose} ${m.route} ${m.frequency}`,
        route: { text: m.route },
        timing: { code: { text: m.frequency } },
      },
    ],
  });
}
