import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Shapes as the registry analytics API sends them (src/registry/analytics/analytics.schemas.ts). */
export interface CohortFilter {
  siteGroups?: string[];
  histologies?: string[];
  diagnosisYears?: { from?: number; to?: number };
  stages?: string[];
  sex?: string[];
  ageRange?: { min?: number; max?: number };
  classOfCase?: string[];
}
export interface CohortInfo {
  tumours: number | null;
  analysed: number | null;
  excluded: number | null;
  suppressedGroups: number;
}
export interface ExcludedCase {
  tumourId: string;
  reason: string;
}
export interface CohortCount {
  cohort: CohortInfo;
  groups: { group: string; n: number | null }[];
  siteGroups: string[];
  groupByItems: string[];
}
export interface SurvivalPoint {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
}
export interface SurvivalGroup {
  group: string;
  suppressed: boolean;
  n: number | null;
  events: number | null;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  points: SurvivalPoint[];
}
export interface SurvivalResult {
  groups: SurvivalGroup[];
  logRank: { chiSquare: number; df: number; p: number } | null;
  timeUnit: 'days' | 'months';
  confType: string;
  confLevel: number;
  groupBy: string | null;
  cohort: CohortInfo;
  excludedCases: ExcludedCase[];
}
export interface LifeRow {
  interval: number;
  start: number;
  end: number;
  /** Small-cell suppression: hidden counts and the statistics built on them are null. */
  suppressed: boolean;
  alive: number | null;
  died: number | null;
  withdrawn: number | null;
  effective: number | null;
  survival: number | null;
  survivalStdErr: number | null;
  cumulative: number | null;
  cumulativeStdErr: number | null;
  expected?: number | null;
  expectedCumulative?: number | null;
  relative?: number | null;
  relativeCumulative?: number | null;
  relativeCumulativeStdErr?: number | null;
}
export interface LifeTableResult {
  method: 'actuarial';
  relative: 'ederer2' | null;
  intervalMonths: number;
  groupBy: string | null;
  groups: {
    group: string;
    suppressed: boolean;
    n: number | null;
    rows: LifeRow[];
    years: {
      years: number;
      cumulative: number | null;
      cumulativeStdErr: number | null;
      relativeCumulative: number | null;
    }[];
  }[];
  cohort: CohortInfo;
  excludedCases: ExcludedCase[];
}
export interface IncidenceRow {
  strata: Record<string, string>;
  count: number | null;
  population: number;
  crudeRate: number | null;
  crudeLower: number | null;
  crudeUpper: number | null;
  ageAdjustedRate: number | null;
  ageAdjustedStdErr: number | null;
  ageAdjustedLower: number | null;
  ageAdjustedUpper: number | null;
  suppressed: boolean;
  ages: {
    ageGroup: string;
    count: number | null;
    population: number;
    rate: number | null;
    suppressed: boolean;
  }[];
}
export type StandardId = 'us2000-million' | 'us2000';
export type IntervalMethod = 'fay-feuer' | 'tiwari';
export interface IncidenceResult {
  standardId: StandardId;
  standard: string;
  standardSource: string;
  confLevel: number;
  interval: IntervalMethod;
  ratePer: number;
  by: string[];
  suppression: { threshold: number; hiddenCells: number } | null;
  rows: IncidenceRow[];
  total: IncidenceRow;
  cohort: CohortInfo;
  excludedCases: ExcludedCase[];
}

export interface SurvivalRequest {
  cohort: CohortFilter;
  groupBy?: string;
  timeUnit: 'days' | 'months';
  confType: 'log' | 'log-log' | 'plain';
  confLevel: number;
  showSmallCells?: boolean;
}
export interface LifeTableRequest {
  cohort: CohortFilter;
  groupBy?: string;
  interval: 'year' | 'month';
  maxIntervals?: number;
  expectedCsv?: string;
  showSmallCells?: boolean;
}
export interface IncidenceRequest {
  cohort: CohortFilter;
  by: ('site' | 'sex' | 'year')[];
  populationCsv: string;
  confLevel: number;
  standard?: StandardId;
  interval?: IntervalMethod;
  showSmallCells?: boolean;
}

const post = <T>(path: string, json: unknown) => api<T>(path, { method: 'POST', json });

/** Live cohort size (and group sizes) as the filter changes; small counts come back null. */
export function useCohortCount(cohort: CohortFilter, groupBy: string | undefined) {
  return useQuery({
    queryKey: ['registry-cohort', cohort, groupBy ?? null],
    queryFn: () => post<CohortCount>('/registry/cohort', { cohort, ...(groupBy ? { groupBy } : {}) }),
    placeholderData: (prev) => prev,
  });
}

/** An analysis runs when the user asks for it (the request is null until then). */
export function useSurvival(req: SurvivalRequest | null) {
  return useQuery({
    queryKey: ['registry-survival', req],
    queryFn: () => post<SurvivalResult>('/registry/survival', req),
    enabled: req !== null,
  });
}
export function useLifeTable(req: LifeTableRequest | null) {
  return useQuery({
    queryKey: ['registry-lifetable', req],
    queryFn: () => post<LifeTableResult>('/registry/lifetable', req),
    enabled: req !== null,
  });
}
export function useIncidence(req: IncidenceRequest | null) {
  return useQuery({
    queryKey: ['registry-incidence', req],
    queryFn: () => post<IncidenceResult>('/registry/incidence', req),
    enabled: req !== null,
  });
}
