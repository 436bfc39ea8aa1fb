import type { CodeableConcept, Procedure } from '@medplum/fhirtypes';
import type { ChartEntry } from '../../../chart/index.ts';
import { compact, patientRef, SYSTEMS } from './common.ts';
import { dataOf, entryFrame } from './entry-common.ts';

interface ProcedureData {
  description: string;
  code?: string;
  performedAt?: string;
}
interface SurgeryData {
  procedure: string;
  date?: string;
  note?: string;
}

/**
 * The code system by shape: ICD-10-PCS is 7 characters without I or O; CPT 5 digits (or 4 + F/T); HCPCS
 * Level II a letter and 4 digits (CMS code-set definitions). Unknown shapes keep the code as text only.
 */
export function procedureCodeSystem(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (/^[0-9A-HJ-NP-Z]{7}$/.test(c)) return SYSTEMS.icd10pcs;
  if (/^\d{4}[0-9FT]$/.test(c)) return SYSTEMS.cpt;
  if (/^[A-V]\d{4}$/.test(c)) return SYSTEMS.hcpcs;
  return undefined;
}

function codeOf(text: string, code?: string): CodeableConcept {
  if (!code) return { text };
  const system = procedureCodeSystem(code);
  return { coding: [compact({ system, code })], text };
}

/** Visit procedures and past surgeries (history) are completed Procedures (R4 procedure.html). */
export function procedureToFhir(e: ChartEntry): Procedure {
  const frame = entryFrame(e);
  const status = e.enteredInError ? 'entered-in-error' : 'completed';
  if (e.kind === 'surgery') {
    const s = dataOf<SurgeryData>(e);
    return compact<Procedure>({
      resourceType: 'Procedure',
      ...frame,
      status,
      category: { text: 'surgical history' },
      code: { text: s.procedure },
      subject: patientRef(e.patientId),
      performedDateTime: s.date,
      note: s.note ? [{ text: s.note }] : undefined,
    });
  }
  const p = dataOf<ProcedureData>(e);
  return compact<Procedure>({
    resourceType: 'Procedure',
    ...frame,
    status,
    code: codeOf(p.description, p.code),
    subject: patientRef(e.patientId),
    performedDateTime: p.performedAt,
  });
}
