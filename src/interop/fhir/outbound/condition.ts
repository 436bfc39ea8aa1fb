import type { Condition } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { codeable, compact, patientRef, SYSTEMS } from './common.ts';
import { dataOf, entryFrame } from './entry-common.ts';

interface ProblemData {
  description: string;
  code?: string;
  onsetDate?: string;
  resolvedDate?: string;
  status: 'active' | 'resolved' | 'inactive';
}
interface DiagnosisData {
  description: string;
  provisionalCode?: string;
  primary: boolean;
}

const codeOf = (text: string, icd?: string) =>
  icd ? codeable(SYSTEMS.icd10cm, icd, undefined, text) : { text };

/**
 * Problems (problem-list-item) and visit diagnoses (encounter-diagnosis) are Conditions (R4 condition.html;
 * US Core Condition categories). A visit diagnosis is provisional until a coder assigns the final code.
 * An entered-in-error entry keeps its content but says so in verificationStatus (R4: never deleted).
 */
export function conditionToFhir(e: ChartEntry): Condition {
  const frame = entryFrame(e);
  // R4 con-5: no clinicalStatus when the verification status is entered-in-error.
  const clinical = (code: string) =>
    e.enteredInError ? undefined : codeable(SYSTEMS.conditionClinical, code);
  const verification = (code: string) =>
    codeable(SYSTEMS.conditionVerification, e.enteredInError ? 'entered-in-error' : code);
  if (e.kind === 'diagnosis') {
    const d = dataOf<DiagnosisData>(e);
    return compact<Condition>({
      resourceType: 'Condition',
      ...frame,
      clinicalStatus: clinical('active'),
      verificationStatus: verification('provisional'),
      category: [codeable(SYSTEMS.conditionCategory, 'encounter-diagnosis', 'Encounter Diagnosis')],
      code: codeOf(d.description, d.provisionalCode),
      subject: patientRef(e.patientId),
      recordedDate: e.createdAt,
      note: d.primary ? [{ text: 'Primary diagnosis of the encounter' }] : undefined,
    });
  }
  const p = dataOf<ProblemData>(e);
  return compact<Condition>({
    resourceType: 'Condition',
    ...frame,
    clinicalStatus: clinical(p.status),
    verificationStatus: verification('confirmed'),
    category: [codeable(SYSTEMS.conditionCategory, 'problem-list-item', 'Problem List Item')],
    code: codeOf(p.description, p.code),
    subject: patientRef(e.patientId),
    onsetDateTime: p.onsetDate,
    abatementDateTime: p.resolvedDate,
    recordedDate: e.createdAt,
  });
}
