import { displayCode } from '../systems.ts';
import { type EncounterDraft, type Finding, norm } from './types.ts';

/**
 * Medicare Code Editor age and sex edits (Definitions of Medicare Code Edits; shared reference icd10.md
 * §6). The official MCE lists are code by code; here the categories are derived from ICD-10-CM chapter
 * and block ranges, which covers the bulk of each list:
 * - newborn (age 0): chapter 16 perinatal conditions P00–P96, and Z38 liveborn infants;
 * - pediatric (0–17): Z00.1- routine newborn and child health examinations;
 * - maternity (12–55): chapter 15 O00–O9A, and pregnancy Z codes Z33, Z34, Z36, Z37, Z39, Z3A;
 * - adult (15–124): Z00.0- general adult medical examination.
 * Sex: female genital and obstetric ranges; male genital ranges; ICD-10-PCS body systems U (female
 * reproductive) and V (male reproductive) of the Medical and Surgical section, and section 1 (Obstetrics).
 */
interface AgeRule {
  category: string;
  min: number;
  max: number;
  prefixes: string[];
  ranges?: [string, string][];
}

const AGE_RULES: AgeRule[] = [
  { category: 'newborn', min: 0, max: 0, prefixes: ['Z38'], ranges: [['P00', 'P96']] },
  { category: 'pediatric', min: 0, max: 17, prefixes: ['Z001'] },
  {
    category: 'maternity',
    min: 12,
    max: 55,
    prefixes: ['Z33', 'Z34', 'Z36', 'Z37', 'Z39', 'Z3A'],
    ranges: [['O00', 'O9A']],
  },
  { category: 'adult', min: 15, max: 124, prefixes: ['Z000'] },
];

const FEMALE_DX: [string, string][] = [
  ['O00', 'O9A'],
  ['N70', 'N98'],
  ['C51', 'C58'],
  ['D25', 'D28'],
  ['Z33', 'Z34'],
  ['Z36', 'Z37'],
  ['Z39', 'Z39'],
  ['Z3A', 'Z3A'],
  ['D06', 'D06'],
];
const MALE_DX: [string, string][] = [
  ['N40', 'N53'],
  ['C60', 'C63'],
  ['D29', 'D29'],
  ['D40', 'D40'],
];
const MALE_DX_PREFIXES = ['D074', 'D075', 'D076'];

const inRanges = (code: string, ranges: [string, string][]) => {
  const cat = code.slice(0, 3);
  return ranges.some(([a, b]) => cat >= a && cat <= b);
};

/** The MCE age category a diagnosis belongs to, if any. */
export function ageCategory(code: string): AgeRule | undefined {
  const c = norm(code);
  return AGE_RULES.find((r) => r.prefixes.some((p) => c.startsWith(p)) || inRanges(c, r.ranges ?? []));
}

/** 'female' or 'male' when a diagnosis or procedure applies to one sex only. */
export function sexOf(system: string, code: string): 'female' | 'male' | undefined {
  const c = norm(code);
  if (system === 'icd10pcs') {
    if (c[0] === '1' || (c[0] === '0' && c[1] === 'U')) return 'female';
    if (c[0] === '0' && c[1] === 'V') return 'male';
    return undefined;
  }
  if (system !== 'icd10cm') return undefined;
  if (inRanges(c, FEMALE_DX)) return 'female';
  if (inRanges(c, MALE_DX) || MALE_DX_PREFIXES.some((p) => c.startsWith(p))) return 'male';
  return undefined;
}

export function ageSexEdits(e: EncounterDraft): Finding[] {
  const out: Finding[] = [];
  const age = e.patient.ageYears;
  for (const d of e.diagnoses) {
    const rule = ageCategory(d.code);
    if (rule && (age < rule.min || age > rule.max)) {
      const label = displayCode('icd10cm', norm(d.code));
      out.push({
        edit: 'AGE_CONFLICT',
        severity: rule.category === 'pediatric' || rule.category === 'adult' ? 'warning' : 'error',
        codes: [label],
        message: `${label} is a ${rule.category} diagnosis (age ${rule.min}–${rule.max}) but the patient is ${age}. Check the age and the code.`,
      });
    }
  }
  if (e.patient.sex === 'unknown') return out;
  const items = [...e.diagnoses.map((d) => ({ system: 'icd10cm', code: d.code })), ...e.procedures];
  for (const i of items) {
    const sex = sexOf(i.system, i.code);
    if (sex && sex !== e.patient.sex) {
      const label = displayCode(i.system, norm(i.code));
      out.push({
        edit: 'SEX_CONFLICT',
        severity: 'error',
        codes: [label],
        message: `${label} applies to ${sex} patients only, but the patient's sex is recorded as ${e.patient.sex}. Check the registration or the code.`,
      });
    }
  }
  return out;
}
