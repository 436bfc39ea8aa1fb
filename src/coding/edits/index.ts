import { ageSexEdits } from './age-sex.ts';
import { excludes1Edits } from './excludes1.ts';
import { mueEdits, ptpEdits } from './ncci.ts';
import { poaEdits } from './poa.ts';
import { sequencingEdits } from './sequencing.ts';
import type { EditFacts, EncounterDraft, Finding } from './types.ts';
import { validityEdits } from './validity.ts';

export type { CodeFact, EditFacts, EncounterDraft, Finding } from './types.ts';
export { placeholderCandidate } from './validity.ts';

/**
 * Runs every coding edit over an encounter draft. Pure: the facts were looked up beforehand.
 * Errors come first, then warnings, each in the order the edits ran.
 */
export function runAllEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  const findings = [
    ...validityEdits(e, facts),
    ...sequencingEdits(e, facts),
    ...ageSexEdits(e),
    ...excludes1Edits(e),
    ...poaEdits(e, facts),
    ...ptpEdits(e, facts),
    ...mueEdits(e, facts),
  ];
  return [
    ...findings.filter((f) => f.severity === 'error'),
    ...findings.filter((f) => f.severity === 'warning'),
  ];
}
