import { displayCode } from '../systems.ts';
import { type EditFacts, type EncounterDraft, type Finding, norm } from './types.ts';

/**
 * The code a placeholder-X omission most likely meant: ICD-10-CM puts X in the empty positions when a
 * 7th character is required on a code shorter than 6 characters (Official Guidelines I.A.5–I.A.6), so
 * "S020A" was meant as "S020XXA".
 */
export function placeholderCandidate(code: string): string | undefined {
  const c = norm(code);
  if (c.length < 4 || c.length >= 7 || !/[A-Z]$/.test(c)) return undefined;
  return c.slice(0, -1).padEnd(6, 'X') + c.slice(-1);
}

const show = (system: string, c: string) => displayCode(system, c);

/** Validity of one code: unknown, not in force on the date, header, 7th character, placeholder X. */
function checkCode(system: string, raw: string, facts: EditFacts, dos: string): Finding | undefined {
  const code = norm(raw);
  const label = show(system, code);
  if (facts.systemsNotLoaded.has(system)) return undefined;
  const fact = facts.inForce[system]?.get(code);
  if (!fact) {
    if (facts.otherVersions[system]?.has(code)) {
      return {
        edit: 'CODE_NOT_VALID_ON_DATE',
        severity: 'error',
        codes: [label],
        message: `${label} is not valid on the date of service ${dos} (it belongs to another year's code set). Choose the code in force on ${dos}.`,
      };
    }
    const candidate = system === 'icd10cm' ? placeholderCandidate(code) : undefined;
    if (candidate && facts.inForce[system]?.get(candidate)?.billable) {
      const fix = show(system, candidate);
      return {
        edit: 'PLACEHOLDER_X_MISSING',
        severity: 'error',
        codes: [label],
        suggestions: [fix],
        message: `${label} is missing its placeholder X characters: the 7th character must be in position 7. Use ${fix}.`,
      };
    }
    return {
      edit: 'CODE_UNKNOWN',
      severity: 'error',
      codes: [label],
      message: `${label} is not a ${system.toUpperCase()} code. Check for a typing error and search for the right code.`,
    };
  }
  if (fact.billable) return undefined;
  const children = fact.billableChildren.map((c) => show(system, c));
  if (
    system === 'icd10cm' &&
    fact.billableChildren.length > 0 &&
    fact.billableChildren.every((c) => c.length === 7) &&
    code.length < 7
  ) {
    return {
      edit: 'SEVENTH_CHARACTER_REQUIRED',
      severity: 'error',
      codes: [label],
      suggestions: children,
      message: `${label} requires a 7th character (with placeholder X where needed). Pick one, e.g. ${children.join(', ')}.`,
    };
  }
  return {
    edit: 'HEADER_CODE',
    severity: 'error',
    codes: [label],
    suggestions: children,
    message: `${label} is a header, not a billable code. Code to the highest specificity: ${children.join(', ') || 'see its subcodes'}.`,
  };
}

/** Unknown, out-of-date, header, 7th-character and placeholder-X edits for every diagnosis and procedure. */
export function validityEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  const out: Finding[] = [];
  for (const s of facts.systemsNotLoaded) {
    const used = s === 'icd10cm' ? e.diagnoses.length > 0 : e.procedures.some((p) => p.system === s);
    if (used)
      out.push({
        edit: 'CODE_SET_NOT_LOADED',
        severity: 'warning',
        codes: [],
        message: `No ${s} code set in force on ${e.dateOfService} is loaded, so those codes were not checked. Ask an administrator to import it.`,
      });
  }
  for (const d of e.diagnoses) {
    const f = checkCode('icd10cm', d.code, facts, e.dateOfService);
    if (f) out.push(f);
  }
  for (const p of e.procedures) {
    const f = checkCode(p.system, p.code, facts, p.date ?? e.dateOfService);
    if (f) out.push(f);
  }
  return out;
}
