import { displayCode } from '../systems.ts';
import { type EditFacts, type EncounterDraft, type Finding, norm } from './types.ts';

/**
 * Present-on-admission edits for inpatient claims (ICD-10-CM Official Guidelines Appendix I; CMS HAC
 * POA policy). Every diagnosis needs Y, N, U or W unless it is on the POA-exempt list, where the
 * indicator is left blank (or reported as 1, "exempt", in 5010 transactions).
 */
export function poaEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  if (!e.inpatient) return [];
  if (facts.poaExempt === null) {
    return [
      {
        edit: 'POA_LIST_NOT_LOADED',
        severity: 'warning',
        codes: [],
        message:
          'No POA-exempt list is loaded for this fiscal year, so POA indicators were not checked. Ask an administrator to run "codes import poa-exempt".',
      },
    ];
  }
  const out: Finding[] = [];
  for (const d of e.diagnoses) {
    const code = norm(d.code);
    const label = displayCode('icd10cm', code);
    const exempt = facts.poaExempt.has(code);
    if (!exempt && (d.poa === undefined || d.poa === '1')) {
      out.push({
        edit: 'POA_MISSING',
        severity: 'error',
        codes: [label],
        suggestions: ['Y', 'N', 'U', 'W'],
        message: `${label} needs a present-on-admission indicator (Y, N, U or W). Query the provider if the documentation does not say.`,
      });
    }
    if (exempt && d.poa !== undefined && d.poa !== '1') {
      out.push({
        edit: 'POA_NOT_APPLICABLE',
        severity: 'warning',
        codes: [label],
        message: `${label} is exempt from POA reporting. Leave the indicator blank (or 1).`,
      });
    }
  }
  return out;
}
