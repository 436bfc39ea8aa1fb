import { displayCode } from '../systems.ts';
import { type EditFacts, type EncounterDraft, type Finding, norm } from './types.ts';

/** The principal (inpatient) or first-listed (outpatient) diagnosis: the lowest sequence number. */
export const principalOf = (e: EncounterDraft) => [...e.diagnoses].sort((a, b) => a.sequence - b.sequence)[0];

/**
 * Sequencing edits (MCE "manifestation code as principal diagnosis", "E-code as principal diagnosis",
 * "duplicate of PDX"; Official Guidelines I.A.13 and I.C.20). A manifestation code is recognised by the
 * title convention "in diseases classified elsewhere", read from the loaded code title.
 */
export function sequencingEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  const out: Finding[] = [];
  const first = principalOf(e);
  if (first) {
    const code = norm(first.code);
    const label = displayCode('icd10cm', code);
    const desc = facts.inForce.icd10cm?.get(code)?.description ?? '';
    if (/in diseases classified elsewhere/i.test(desc)) {
      out.push({
        edit: 'MANIFESTATION_AS_PRINCIPAL',
        severity: 'error',
        codes: [label],
        message: `${label} is a manifestation code and cannot be sequenced first. Sequence the underlying condition first ("code first"), then ${label}.`,
      });
    }
    if (code >= 'V00' && code.slice(0, 3) <= 'Y99') {
      out.push({
        edit: 'EXTERNAL_CAUSE_AS_PRINCIPAL',
        severity: 'error',
        codes: [label],
        message: `${label} is an external-cause code and cannot be the principal or first-listed diagnosis. Sequence the injury or condition first.`,
      });
    }
  }
  const seen = new Set<string>();
  for (const d of e.diagnoses) {
    const code = norm(d.code);
    if (seen.has(code)) {
      const label = displayCode('icd10cm', code);
      out.push({
        edit: 'DUPLICATE_DIAGNOSIS',
        severity: 'warning',
        codes: [label],
        message: `${label} is listed more than once. Remove the duplicate.`,
      });
    }
    seen.add(code);
  }
  return out;
}
