import type { FieldIssue } from '../../kernel/errors.ts';
import type { EncounterDraft, Finding } from '../edits/index.ts';
import { norm } from '../edits/types.ts';
import type { CodingStatus } from './workbench.tables.ts';

export type Poa = 'Y' | 'N' | 'U' | 'W' | '1';
/** A diagnosis as coded: sequence 1 is the principal (inpatient) or first-listed (outpatient) diagnosis. */
export interface DiagnosisLine {
  code: string;
  sequence: number;
  poa?: Poa | undefined;
}
export interface ProcedureLine {
  system: 'icd10pcs' | 'cpt' | 'hcpcs';
  code: string;
  modifiers: string[];
  units: number;
  date?: string | undefined;
}
/** A drug administered during the encounter, billed by its HCPCS Level II J-code and units. */
export interface DrugLine {
  code: string;
  units: number;
  date?: string | undefined;
}
export interface CodingInput {
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
  drugs: DrugLine[];
  coderNotes?: string | undefined;
}

export type CodingAction = 'save' | 'hold' | 'release' | 'finalize' | 'reopen';

/**
 * What a coder may do in each status (issue 7: uncoded → coded → reviewed/final; "hold for query" pauses
 * a chart until the clinician answers). A final encounter is changed only by reopening it with a reason,
 * which keeps the final version in the history (DESIGN invariant 3).
 */
export const CODING_ACTIONS: Record<CodingStatus, readonly CodingAction[]> = {
  uncoded: ['save', 'hold'],
  coded: ['save', 'hold', 'finalize'],
  on_hold: ['save', 'release'],
  final: ['reopen'],
};

export const canDo = (status: CodingStatus, action: CodingAction): boolean =>
  CODING_ACTIONS[status].includes(action);

/** The status after a save: codes assigned (at least one diagnosis) make an encounter coded. */
export function statusAfterSave(current: CodingStatus, input: CodingInput): CodingStatus {
  if (current === 'on_hold') return 'on_hold';
  return input.diagnoses.length > 0 ? 'coded' : 'uncoded';
}

const J_CODE = /^J\d{4}$/;

/**
 * Checks that need the whole coded encounter; every fault is reported at once (zod has already checked
 * each field's shape). Code validity, POA, NCCI and the like are coding edits, not input errors: they are
 * reported as findings so the coder can save work in progress.
 * @param service - first and last day of the encounter (YYYY-MM-DD), for procedure and drug dates
 */
export function checkCoding(
  input: CodingInput,
  enc: { inpatient: boolean; from: string; to: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seqs = input.diagnoses.map((d) => d.sequence).sort((a, b) => a - b);
  if (seqs.some((s, i) => s !== i + 1))
    issues.push({ field: 'diagnoses', message: 'number the diagnoses 1, 2, 3 … without gaps or repeats' });
  input.procedures.forEach((p, i) => {
    // UHDDS: ICD-10-PCS reports inpatient hospital procedures; outpatient services use CPT/HCPCS.
    if (!enc.inpatient && p.system === 'icd10pcs')
      issues.push({
        field: `procedures.${i}.system`,
        message: 'ICD-10-PCS is for inpatient stays; use CPT or HCPCS',
      });
    if (p.date && (p.date < enc.from || p.date > enc.to))
      issues.push({ field: `procedures.${i}.date`, message: `must fall within ${enc.from} – ${enc.to}` });
  });
  input.drugs.forEach((d, i) => {
    if (!J_CODE.test(norm(d.code)))
      issues.push({ field: `drugs.${i}.code`, message: 'use a HCPCS J-code (J followed by 4 digits)' });
    if (d.date && (d.date < enc.from || d.date > enc.to))
      issues.push({ field: `drugs.${i}.date`, message: `must fall within ${enc.from} – ${enc.to}` });
  });
  return issues;
}

/** Age in whole years on a date (YYYY-MM-DD strings), as the Medicare Code Editor age edits use it. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  return Math.max(0, Math.min(124, age));
}

export const SEX_FOR_EDITS = { F: 'female', M: 'male', U: 'unknown' } as const;

/**
 * The draft the edits engine checks. The code set in force is the one on the date of discharge for
 * inpatient stays and on the date of service otherwise (CMS: ICD-10 claims are coded by discharge date).
 * Drugs are HCPCS lines, so NCCI and MUE apply to them as to any other HCPCS line.
 */
export function draftFor(
  input: CodingInput,
  enc: { inpatient: boolean; dateOfService: string; ageYears: number; sex: 'F' | 'M' | 'U' },
): EncounterDraft {
  return {
    dateOfService: enc.dateOfService,
    patient: { ageYears: enc.ageYears, sex: SEX_FOR_EDITS[enc.sex] },
    inpatient: enc.inpatient,
    diagnoses: input.diagnoses.map((d) => ({ code: d.code, sequence: d.sequence, poa: d.poa })),
    procedures: [
      ...input.procedures.map((p) => ({ ...p })),
      ...input.drugs.map((d) => ({
        system: 'hcpcs' as const,
        code: d.code,
        modifiers: [],
        units: d.units,
        date: d.date,
      })),
    ],
  };
}

export const countFindings = (findings: Finding[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning').length,
});

/** Codes as stored: upper case without the dot (as CMS files and X12 carry them). */
export function normalised(input: CodingInput): CodingInput {
  return {
    diagnoses: [...input.diagnoses]
      .sort((a, b) => a.sequence - b.sequence)
      .map((d) => ({ code: norm(d.code), sequence: d.sequence, ...(d.poa ? { poa: d.poa } : {}) })),
    procedures: input.procedures.map((p) => ({
      ...p,
      code: norm(p.code),
      modifiers: p.modifiers.map((m) => m.toUpperCase()),
    })),
    drugs: input.drugs.map((d) => ({ ...d, code: norm(d.code) })),
    coderNotes: input.coderNotes,
  };
}
