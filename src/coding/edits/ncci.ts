import type { EditFacts, EncounterDraft, Finding } from './types.ts';
import { norm } from './types.ts';

/**
 * Modifiers that may bypass an NCCI PTP edit whose modifier indicator is 1 (NCCI Policy Manual ch. I
 * §E; shared reference icd10.md §10): 59 and its X{EPSU} subsets, anatomic modifiers, global-surgery
 * modifiers and 91.
 */
export const NCCI_BYPASS_MODIFIERS = new Set([
  '59',
  'XE',
  'XS',
  'XP',
  'XU',
  'E1',
  'E2',
  'E3',
  'E4',
  'FA',
  'F1',
  'F2',
  'F3',
  'F4',
  'F5',
  'F6',
  'F7',
  'F8',
  'F9',
  'TA',
  'T1',
  'T2',
  'T3',
  'T4',
  'T5',
  'T6',
  'T7',
  'T8',
  'T9',
  'LT',
  'RT',
  'LC',
  'LD',
  'LM',
  'RC',
  'RI',
  '24',
  '25',
  '57',
  '58',
  '78',
  '79',
  '91',
]);

const activeOn = (p: { effectiveDate: string; deletionDate: string | null }, date: string) =>
  p.effectiveDate <= date && (p.deletionDate === null || date < p.deletionDate);

/** NCCI procedure-to-procedure edits between CPT/HCPCS lines on the same date of service. */
export function ptpEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  const lines = e.procedures
    .filter((p) => p.system !== 'icd10pcs')
    .map((p) => ({
      code: norm(p.code),
      mods: p.modifiers.map((m) => m.toUpperCase()),
      date: p.date ?? e.dateOfService,
    }));
  const out: Finding[] = [];
  for (const a of lines) {
    for (const b of lines) {
      if (a === b || a.date !== b.date) continue;
      const edit = facts.ptp.find((p) => p.column1 === a.code && p.column2 === b.code && activeOn(p, a.date));
      if (!edit || edit.modifierIndicator === '9') continue;
      const bypassed = [...a.mods, ...b.mods].some((m) => NCCI_BYPASS_MODIFIERS.has(m));
      if (edit.modifierIndicator === '1' && bypassed) continue;
      out.push(
        edit.modifierIndicator === '0'
          ? {
              edit: 'NCCI_PTP',
              severity: 'error',
              codes: [a.code, b.code],
              message: `${b.code} is a component of ${a.code} on the same day and no modifier can bypass this edit (modifier indicator 0). Remove ${b.code}.`,
            }
          : {
              edit: 'NCCI_PTP',
              severity: 'error',
              codes: [a.code, b.code],
              suggestions: ['59', 'XE', 'XS', 'XP', 'XU'],
              message: `${b.code} is bundled into ${a.code} on the same day. Remove ${b.code}, or if it was a distinct service (separate session, site or practitioner) and documented, append 59 or XE/XS/XP/XU to ${b.code}.`,
            },
      );
    }
  }
  return out;
}

/**
 * Medically unlikely edits: units of a code above its MUE value. MAI 1 edits count per claim line; MAI 2
 * and 3 count all lines of the code on a date of service (CMS MUE; shared reference §11).
 */
export function mueEdits(e: EncounterDraft, facts: EditFacts): Finding[] {
  const out: Finding[] = [];
  for (const m of facts.mue) {
    const lines = e.procedures.filter((p) => p.system !== 'icd10pcs' && norm(p.code) === m.code);
    const byDate = new Map<string, number>();
    for (const l of lines) {
      const key =
        m.adjudicationIndicator === '1'
          ? `${l.date ?? e.dateOfService}#${lines.indexOf(l)}`
          : (l.date ?? e.dateOfService);
      byDate.set(key, (byDate.get(key) ?? 0) + l.units);
    }
    for (const units of byDate.values()) {
      if (units <= m.maxUnits) continue;
      const what =
        m.adjudicationIndicator === '2'
          ? 'This limit is absolute (MAI 2): correct the units.'
          : m.adjudicationIndicator === '3'
            ? 'Correct the units, or appeal with documentation if they are right (MAI 3).'
            : 'Report additional units on separate lines with the appropriate modifier if they are right (MAI 1).';
      out.push({
        edit: 'MUE_EXCEEDED',
        severity: 'error',
        codes: [m.code],
        message: `${m.code} is reported with ${units} units; the MUE allows ${m.maxUnits}. ${what}`,
      });
    }
  }
  return out;
}
