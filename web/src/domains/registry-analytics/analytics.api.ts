import type {
  cohortCountResponse,
  cohortFilterSchema,
  incidenceBody,
  incidenceResponse,
  lifeTableBody,
  lifeTableResponse,
  survivalBody,
  survivalResponse,
} from '@server/registry/analytics/analytics.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Shapes as the registry analytics API sends them, from src/registry/analytics/analytics.schemas.ts
// (docs/adr/0005, type-only imports). Requests are what the screen posts (`z.input`: defaults optional).
export type CohortFilter = z.input<typeof cohortFilterSchema>;
export type CohortCount = z.output<typeof cohortCountResponse>;
export type CohortInfo = CohortCount['cohort'];
export type SurvivalResult = z.output<typeof survivalResponse>;
export type SurvivalGroup = SurvivalResult['groups'][number];
export type SurvivalPoint = SurvivalGroup['points'][number];
export type ExcludedCase = SurvivalResult['excludedCases'][number];
export type LifeTableResult = z.output<typeof lifeTableResponse>;
export type LifeRow = LifeTableResult['groups'][number]['rows'][number];
export type IncidenceResult = z.output<typeof incidenceResponse>;
export type IncidenceRow = IncidenceResult['rows'][number];
export type StandardId = IncidenceResult['standardId'];
export type IntervalMethod = IncidenceResult['interval'];
export type SurvivalRequest = z.input<typeof survivalBody>;
export type LifeTableRequest = z.input<typeof lifeTableBody>;
export type IncidenceRequest = z.input<typeof incidenceBody>;

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
