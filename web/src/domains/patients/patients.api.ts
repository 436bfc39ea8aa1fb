import type { duplicatesOut, mergeOut, mergesOut, sweepOut } from '@server/patients/merge.schemas.ts';
import type {
  addressOut,
  candidateOut,
  candidatesOut,
  cautionOut,
  fieldComparisonOut,
  patientReadOut,
  searchBody,
  searchItemOut,
  searchOut,
  versionsOut,
} from '@server/patients/patients.responses.ts';
import type { matchInput } from '@server/patients/patients.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Shapes as the server sends them, taken from its response schemas (docs/adr/0005, type-only imports).
export type SearchItem = z.output<typeof searchItemOut>;
export type SearchPage = z.output<typeof searchOut>;
export type FieldComparison = z.output<typeof fieldComparisonOut>;
export type Candidate = z.output<typeof candidateOut>;
export type Address = z.output<typeof addressOut>;
export type Patient = z.output<typeof patientReadOut>;
export type Version = z.output<typeof versionsOut>['versions'][number];
export type Caution = z.output<typeof cautionOut>;
export type DuplicatePair = z.output<typeof duplicatesOut>['items'][number];
export type QueueCounts = z.output<typeof duplicatesOut>['counts'];
/** The review queue's tabs: a web view over the status and band filters. */
export type QueueView = 'all' | 'certain' | 'probable' | 'deferred';
export type Sweep = z.output<typeof sweepOut>;
export type Merge = z.output<typeof mergesOut>['merges'][number];
/** The search form's criteria; the page size is fixed by the screen. */
export type SearchParams = Omit<z.input<typeof searchBody>, 'pageSize' | 'page'> & { page: number };
export type MatchProbe = z.input<typeof matchInput>;

/** Criteria travel in a POST body, so names and dates of birth never sit in logged URLs. */
export function usePatientSearch(params: SearchParams | null) {
  return useQuery({
    queryKey: ['patients', 'search', params],
    queryFn: () => api<SearchPage>('/patients/search', { method: 'POST', json: { ...params, pageSize: 20 } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
  });
}

export const usePatient = (id: string) =>
  useQuery({ queryKey: ['patients', id], queryFn: () => api<Patient>(`/patients/${id}`) });

export const usePatientVersions = (id: string) =>
  useQuery({
    queryKey: ['patients', id, 'versions'],
    queryFn: () => api<{ versions: Version[] }>(`/patients/${id}/versions`),
  });

export const usePatientMerges = (id: string) =>
  useQuery({
    queryKey: ['patients', id, 'merges'],
    queryFn: () => api<{ merges: Merge[] }>(`/patients/${id}/merges`),
  });

export const useMatchCandidates = (probe: MatchProbe | null) =>
  useQuery({
    queryKey: ['patients', 'match', probe],
    queryFn: () =>
      api<z.output<typeof candidatesOut>>('/patients/match-candidates', { method: 'POST', json: probe }),
    enabled: probe !== null,
    placeholderData: keepPreviousData,
  });

export function useRegisterPatient() {
  return useMutation({
    mutationFn: (body: unknown) => api<Patient>('/patients', { method: 'POST', json: body }),
  });
}

/** Saves a new version of the record; a 409 carries what someone else changed meanwhile. */
export const useUpdatePatient = (id: string) =>
  useIndexMutation((body: unknown) => api<Patient>(`/patients/${id}`, { method: 'PUT', json: body }));

const viewQuery = (v: QueueView) => (v === 'deferred' ? '&status=deferred' : v === 'all' ? '' : `&band=${v}`);

export const useDuplicates = (page: number, view: QueueView = 'all') =>
  useQuery({
    queryKey: ['patients', 'duplicates', view, page],
    queryFn: () =>
      api<z.output<typeof duplicatesOut>>(`/patients/duplicates?page=${page}&pageSize=10${viewQuery(view)}`),
    placeholderData: keepPreviousData,
  });

export const useSweepStatus = (poll: boolean) =>
  useQuery({
    queryKey: ['patients', 'sweep'],
    queryFn: () => api<{ sweep: Sweep | null }>('/patients/duplicates/sweep'),
    refetchInterval: poll ? 1000 : false,
  });

/** Mutations that change the index refresh every cached patient query. */
function useIndexMutation<T, V>(fn: (v: V) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['patients'] }),
  });
}

export const useStartSweep = () =>
  useIndexMutation(() => api<Sweep>('/patients/duplicates/sweep', { method: 'POST' }));
export const useMerge = () =>
  useIndexMutation((b: { survivorId: string; retiredId: string; reason?: string }) =>
    api<z.output<typeof mergeOut>>('/patients/merges', { method: 'POST', json: b }),
  );
export const useUnmerge = () =>
  useIndexMutation((mergeId: string) => api(`/patients/merges/${mergeId}/unmerge`, { method: 'POST' }));
export const useDeferPair = () =>
  useIndexMutation((b: { pairId: string; note: string | null }) =>
    b.note === null
      ? api(`/patients/duplicates/${b.pairId}/reopen`, { method: 'POST' })
      : api(`/patients/duplicates/${b.pairId}/defer`, { method: 'POST', json: { note: b.note } }),
  );
export const useNotDuplicate = () =>
  useIndexMutation((pairId: string) =>
    api(`/patients/duplicates/${pairId}/not-duplicate`, { method: 'POST' }),
  );
