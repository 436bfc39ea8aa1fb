import type { TumourForAnalysis } from '../index.ts';
import { AnalyticsError, analyticsError } from './errors.ts';
import type { IncidenceCase } from './incidence.ts';
import { DAYS_PER_MONTH } from './lifetable.ts';
import { ageGroupOf } from './standard-population.ts';
import type { SurvivalInput } from './survival-input.ts';
import { orderLabels } from './survival-input.ts';

/** A cohort over registry tumours (issue 15: site recode, diagnosis years, stage, sex, age range, class of case). */
export interface CohortFilter {
  siteGroups?: string[];
  /** ICD-O-3 histologic type codes (#522, four digits). */
  histologies?: string[];
  diagnosisYears?: { from?: number; to?: number };
  /** #764 Summary Stage 2018 codes (0 in situ, 1 localized, 2–4 regional, 7 distant, 9 unknown). */
  stages?: string[];
  /** #220 Sex codes (1 male, 2 female, …). */
  sex?: string[];
  ageRange?: { min?: number; max?: number };
  /** #610 Class of Case codes. */
  classOfCase?: string[];
}

/**
 * Site groups by ICD-O-3 topography and histology, after the broad groups of the SEER site recode
 * (a simplification: lymphoma/leukemia/myeloma by histology 9590–9993 first, melanoma of the skin by
 * histology 8720–8790 at C44, the rest by topography).
 */
const SITE_RANGES: [string, string, string][] = [
  ['C00', 'C14', 'Oral cavity and pharynx'],
  ['C15', 'C15', 'Esophagus'],
  ['C16', 'C16', 'Stomach'],
  ['C17', 'C17', 'Small intestine'],
  ['C18', 'C20', 'Colon and rectum'],
  ['C21', 'C21', 'Anus'],
  ['C22', 'C22', 'Liver and intrahepatic bile duct'],
  ['C23', 'C24', 'Gallbladder and other biliary'],
  ['C25', 'C25', 'Pancreas'],
  ['C32', 'C32', 'Larynx'],
  ['C33', 'C34', 'Lung and bronchus'],
  ['C50', 'C50', 'Breast'],
  ['C53', 'C53', 'Cervix uteri'],
  ['C54', 'C55', 'Corpus and uterus, NOS'],
  ['C56', 'C56', 'Ovary'],
  ['C61', 'C61', 'Prostate'],
  ['C62', 'C62', 'Testis'],
  ['C64', 'C65', 'Kidney and renal pelvis'],
  ['C67', 'C67', 'Urinary bladder'],
  ['C70', 'C72', 'Brain and other nervous system'],
  ['C73', 'C73', 'Thyroid'],
];
export const SITE_GROUPS = [
  ...SITE_RANGES.map((r) => r[2]),
  'Melanoma of the skin',
  'Lymphoma, leukemia and myeloma',
  'Other sites',
];

export function siteGroupOf(primarySite: string | null, histology: string | null): string {
  const h = Number(histology ?? '');
  if (h >= 9590 && h <= 9993) return 'Lymphoma, leukemia and myeloma';
  const s = (primarySite ?? '').toUpperCase().slice(0, 3);
  if (s === 'C44' && h >= 8720 && h <= 8790) return 'Melanoma of the skin';
  for (const [from, to, name] of SITE_RANGES) if (s >= from && s <= to) return name;
  return 'Other sites';
}

const yearOf = (d: string | null) => (d && /^\d{4}/.test(d) ? Number(d.slice(0, 4)) : null);

/** Broad age groups at diagnosis (the ICSS survival standard's bands). */
export function ageBandOf(age: number | null): string {
  if (age === null) return 'unknown';
  if (age < 45) return '00-44';
  if (age < 55) return '45-54';
  if (age < 65) return '55-64';
  if (age < 75) return '65-74';
  return '75+';
}

/** Items a result can be grouped by: NAACCR XML ids, and three derived ones. */
export const GROUP_BY_ITEMS = {
  sex: (t: TumourForAnalysis) => t.sex,
  summaryStage2018: (t: TumourForAnalysis) => t.summaryStage2018,
  primarySite: (t: TumourForAnalysis) => t.primarySite,
  histologicTypeIcdO3: (t: TumourForAnalysis) => t.histology,
  behaviorCodeIcdO3: (t: TumourForAnalysis) => t.behavior,
  grade: (t: TumourForAnalysis) => t.grade,
  laterality: (t: TumourForAnalysis) => t.laterality,
  classOfCase: (t: TumourForAnalysis) => t.classOfCase,
  siteGroup: (t: TumourForAnalysis) => siteGroupOf(t.primarySite, t.histology),
  diagnosisYear: (t: TumourForAnalysis) => {
    const y = yearOf(t.dateOfDiagnosis);
    return y === null ? null : String(y);
  },
  ageGroup: (t: TumourForAnalysis) => ageBandOf(t.ageAtDiagnosis),
} as const;
export type GroupByItem = keyof typeof GROUP_BY_ITEMS;
export const GROUP_BY_IDS = Object.keys(GROUP_BY_ITEMS) as GroupByItem[];

export function groupValue(t: TumourForAnalysis, item: GroupByItem): string {
  return GROUP_BY_ITEMS[item](t) || 'unknown';
}

/** The tumours in the cohort. A filter on age or year leaves out tumours whose age or year is unknown. */
export function inCohort(t: TumourForAnalysis, f: CohortFilter): boolean {
  if (f.siteGroups?.length && !f.siteGroups.includes(siteGroupOf(t.primarySite, t.histology))) return false;
  if (f.histologies?.length && !f.histologies.includes(t.histology ?? '')) return false;
  if (f.stages?.length && !f.stages.includes(t.summaryStage2018 ?? '')) return false;
  if (f.sex?.length && !f.sex.includes(t.sex ?? '')) return false;
  if (f.classOfCase?.length && !f.classOfCase.includes(t.classOfCase ?? '')) return false;
  const y = yearOf(t.dateOfDiagnosis);
  if (f.diagnosisYears?.from !== undefined && (y === null || y < f.diagnosisYears.from)) return false;
  if (f.diagnosisYears?.to !== undefined && (y === null || y > f.diagnosisYears.to)) return false;
  const a = t.ageAtDiagnosis;
  if (f.ageRange?.min !== undefined && (a === null || a < f.ageRange.min)) return false;
  if (f.ageRange?.max !== undefined && (a === null || a > f.ageRange.max)) return false;
  return true;
}

export interface Excluded {
  tumourId: string;
  reason: string;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A full NAACCR date YYYYMMDD as days since the epoch, or the reason it is not usable. */
function naaccrDay(raw: string | null, what: string): number | string {
  if (!raw || raw.trim() === '') return `no ${what}`;
  const d = raw.trim();
  if (!/^\d{8}$/.test(d)) return `${what} incomplete (${d.length >= 4 ? d : 'unreadable'})`;
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(4, 6));
  const day = Number(d.slice(6, 8));
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const last = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0);
  if (m < 1 || m > 12 || day < 1 || day > last) return `${what} is not a calendar date (${d})`;
  return Date.UTC(y, m - 1, day) / 86_400_000;
}

export type TimeUnitName = 'days' | 'months';

export interface SurvivalCohort {
  input: SurvivalInput;
  /** Per record: age at diagnosis, sex code, diagnosis year (for relative survival). */
  age: number[];
  sex: string[];
  year: number[];
  excluded: Excluded[];
  cohortSize: number;
}

/**
 * Survival records from registry tumours (issue 15): time from the date of diagnosis to the date of last
 * contact (or death), in days or months (days / 30.4375); event = vital status 0 (dead). Cases that cannot
 * be timed are listed as excluded with the reason, never dropped silently: missing or partial dates, last
 * contact before diagnosis, unknown vital status, autopsy-only (class 38) and death-certificate-only (49)
 * cases, and alive cases with zero survival time (SEER*Stat's default).
 */
export function survivalCohort(
  tumours: TumourForAnalysis[],
  filter: CohortFilter,
  groupBy: GroupByItem | undefined,
  timeUnit: TimeUnitName,
): SurvivalCohort {
  const times: number[] = [];
  const events: number[] = [];
  const groups: string[] = [];
  const age: number[] = [];
  const sex: string[] = [];
  const year: number[] = [];
  const excluded: Excluded[] = [];
  let cohortSize = 0;
  for (const t of tumours) {
    if (!inCohort(t, filter)) continue;
    cohortSize++;
    const exclude = (reason: string) => excluded.push({ tumourId: t.tumourId, reason });
    if (t.classOfCase === '38') {
      exclude('diagnosed at autopsy (class of case 38)');
      continue;
    }
    if (t.classOfCase === '49') {
      exclude('death certificate only (class of case 49)');
      continue;
    }
    const dx = naaccrDay(t.dateOfDiagnosis, 'date of diagnosis');
    if (typeof dx === 'string') {
      exclude(dx);
      continue;
    }
    const lc = naaccrDay(t.dateOfLastContact, 'date of last contact');
    if (typeof lc === 'string') {
      exclude(lc);
      continue;
    }
    if (t.vitalStatus !== '0' && t.vitalStatus !== '1') {
      exclude(`vital status unknown (${t.vitalStatus ?? 'blank'})`);
      continue;
    }
    const days = lc - dx;
    if (days < 0) {
      exclude('date of last contact before the date of diagnosis');
      continue;
    }
    if (days === 0 && t.vitalStatus === '1') {
      exclude('alive with zero survival time');
      continue;
    }
    times.push(timeUnit === 'months' ? days / DAYS_PER_MONTH : days);
    events.push(t.vitalStatus === '0' ? 1 : 0);
    groups.push(groupBy ? groupValue(t, groupBy) : 'all');
    age.push(t.ageAtDiagnosis ?? Number.NaN);
    sex.push(t.sex ?? '');
    year.push(new Date(dx * 86_400_000).getUTCFullYear());
  }
  if (cohortSize === 0)
    throw analyticsError(AnalyticsError.EMPTY_COHORT, 'No registry tumours match this cohort filter.', {
      filter,
    });
  if (times.length === 0)
    throw analyticsError(
      AnalyticsError.EMPTY_COHORT,
      `None of the ${cohortSize} tumours in the cohort can be timed (see the exclusions).`,
      { filter, excluded: excluded.length },
    );
  const labels = orderLabels([...new Set(groups)]);
  const pos = new Map(labels.map((l, i) => [l, i]));
  return {
    input: {
      labels,
      time: Float64Array.from(times),
      event: Uint8Array.from(events),
      group: Uint32Array.from(groups, (g) => pos.get(g) as number),
    },
    age,
    sex,
    year,
    excluded,
    cohortSize,
  };
}

/** Incidence strata names (and the population CSV columns `sex` and `year` they match). */
export const INCIDENCE_BY = ['site', 'sex', 'year'] as const;
export type IncidenceBy = (typeof INCIDENCE_BY)[number];

/** Incidence cases from registry tumours; a case without an age (or a diagnosis year when by year) is excluded. */
export function incidenceCohort(
  tumours: TumourForAnalysis[],
  filter: CohortFilter,
  by: IncidenceBy[],
): { cases: IncidenceCase[]; excluded: Excluded[]; cohortSize: number } {
  const cases: IncidenceCase[] = [];
  const excluded: Excluded[] = [];
  let cohortSize = 0;
  for (const t of tumours) {
    if (!inCohort(t, filter)) continue;
    cohortSize++;
    if (t.ageAtDiagnosis === null) {
      excluded.push({ tumourId: t.tumourId, reason: 'age at diagnosis unknown' });
      continue;
    }
    const y = yearOf(t.dateOfDiagnosis);
    if (by.includes('year') && y === null) {
      excluded.push({ tumourId: t.tumourId, reason: 'no diagnosis year' });
      continue;
    }
    const all: Record<IncidenceBy, string> = {
      site: siteGroupOf(t.primarySite, t.histology),
      sex: t.sex ?? 'unknown',
      year: String(y),
    };
    const a = t.ageAtDiagnosis;
    cases.push({
      ageGroup: ageGroupOf(a),
      strata: Object.fromEntries(by.map((b) => [b, all[b]])),
    });
  }
  if (cohortSize === 0)
    throw analyticsError(AnalyticsError.EMPTY_COHORT, 'No registry tumours match this cohort filter.', {
      filter,
    });
  return { cases, excluded, cohortSize };
}
