import { displayCode } from '../systems.ts';
import { type EncounterDraft, type Finding, norm } from './types.ts';

/**
 * Excludes1 pairs: two conditions that cannot be reported together (ICD-10-CM Official Guidelines
 * I.A.12.a). The full set lives in the tabular XML (`excludes1` elements); this small table carries the
 * notes of the diabetes and hypertension categories of the FY2026 Tabular List, as a documented start.
 * Each entry: the category carrying the note, and the code prefixes it excludes.
 */
export const EXCLUDES1: readonly { at: string; excludes: string[]; note: string }[] = [
  {
    at: 'E10',
    excludes: ['E08', 'E09', 'E11', 'E13', 'O244', 'P702', 'R739'],
    note: 'E10 Type 1 diabetes mellitus, Excludes1',
  },
  {
    at: 'E11',
    excludes: ['E08', 'E09', 'E10', 'E13', 'O244', 'P702'],
    note: 'E11 Type 2 diabetes mellitus, Excludes1',
  },
  {
    at: 'E13',
    excludes: ['E08', 'E09', 'E10', 'E11', 'O244', 'P702'],
    note: 'E13 Other specified diabetes mellitus, Excludes1',
  },
  {
    at: 'I10',
    excludes: ['O10', 'O11', 'O13', 'O14', 'O15', 'O16', 'P292', 'I270'],
    note: 'I10–I1A Hypertensive diseases, Excludes1',
  },
];

/**
 * Flags every pair of diagnoses on the encounter that an Excludes1 note forbids. An exception exists
 * when the two conditions are unrelated (guideline I.A.12.a), so the message asks the coder to confirm.
 */
export function excludes1Edits(e: EncounterDraft): Finding[] {
  const codes = [...new Set(e.diagnoses.map((d) => norm(d.code)))];
  const out: Finding[] = [];
  for (const a of codes) {
    for (const rule of EXCLUDES1) {
      if (!a.startsWith(rule.at)) continue;
      for (const b of codes) {
        if (b === a || !rule.excludes.some((x) => b.startsWith(x))) continue;
        const [la, lb] = [displayCode('icd10cm', a), displayCode('icd10cm', b)];
        out.push({
          edit: 'EXCLUDES1',
          severity: 'error',
          codes: [la, lb],
          message: `${la} and ${lb} cannot be coded together (${rule.note}). Keep the one the documentation supports, or confirm the conditions are unrelated.`,
        });
      }
    }
  }
  // A→B and B→A notes describe the same conflict: report it once.
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = [...f.codes].sort().join('|');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
