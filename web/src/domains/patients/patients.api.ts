import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface SearchItem {
  id: string;
  mrn: string;
  restricted: boolean;
  status: 'active' | 'merged';
  name: string | null;
  birthDate: string | null;
  sexAtBirth: string | null;
  resolvedFromMrn: string | null;
}
export interface SearchPage {
  items: SearchItem[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}
export interface FieldComparison {
  field: string;
  outcome: 'agree' | 'partial' | 'disagree' | 'missing';
  weight: number;
  reason: string;
}
export interface Candidate {
  patient: SearchItem;
  score: number;
  band: 'certain' | 'probable' | 'possible' | 'unlikely';
  fields: FieldComparison[];
}
export interface Address {
  id: string;
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postalCode: string;
  current: boolean;
  validFrom: string;
  validTo: string | null;
}
export interface Patient {
  id: string;
  mrn: string;
  status: 'active' | 'merged';
  mergedInto: string | null;
  version: number;
  family: string;
  given: string;
  middle: string | null;
  suffix: string | null;
  birthDate: string;
  sexAtBirth: 'F' | 'M' | 'U';
  genderIdentity: string | null;
  ssnMasked: string | null;
  email: string | null;
  preferredLanguage: string | null;
  race: string[];
  ethnicity: string | null;
  maritalStatus: string | null;
  dateOfDeath: string | null;
  /** Any patient-level restriction label is set (issue 23). */
  restricted: boolean;
  /** The labels the banner names (vip, employee, confidential); others show only as "Restricted". */
  restrictions: string[];
  phones: { use: string; number: string }[];
  emergencyContact: { name: string; relationship: string; phone: string | null } | null;
  guarantor: { name: string; relationship: string; phone: string | null } | null;
  address: Address | null;
  addressHistory: Address[];
  otherNames: { kind: string; family: string; given: string | null }[];
  identifiers: { id: string; kind: string; system: string; value: string }[];
  coverage: {
    id: string;
    priority: string;
    payer: string;
    plan: string | null;
    memberId: string;
    groupNumber: string | null;
    subscriberName: string;
    relationship: string;
    effectiveFrom: string;
    effectiveTo: string | null;
  }[];
}
export interface Version {
  version: number;
  changedAt: string;
  changedBy: string;
  action: string;
  reason: string | null;
  changedFields: string[];
}
export interface Caution {
  code: string;
  reason: string;
}
export interface DuplicatePair {
  id: string;
  a: SearchItem;
  b: SearchItem;
  score: number;
  band: string;
  status: 'open' | 'deferred';
  fields: FieldComparison[];
  /** Why the pair is held out of "certain" (possible twin, SSN differs, …). */
  cautions: Caution[];
  deferredNote: string | null;
}
export interface QueueCounts {
  open: number;
  deferred: number;
  certain: number;
  probable: number;
}
export type QueueView = 'all' | 'certain' | 'probable' | 'deferred';
export interface Sweep {
  id: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  pairsFound: number;
}
export interface Merge {
  id: string;
  survivorId: string;
  retiredId: string;
  mergedAt: string;
  mergedBy: string;
  unmergedAt: string | null;
}

export interface SearchParams {
  name?: string;
  birthDate?: string;
  mrn?: string;
  phone?: string;
  page: number;
}

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

export interface MatchProbe {
  family: string;
  given: string;
  birthDate: string;
  sexAtBirth: string;
  ssn?: string;
  phones: { number: string }[];
  memberIds?: string[];
}

export const useMatchCandidates = (probe: MatchProbe | null) =>
  useQuery({
    queryKey: ['patients', 'match', probe],
    queryFn: () =>
      api<{ candidates: Candidate[] }>('/patients/match-candidates', { method: 'POST', json: probe }),
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
      api<{ items: DuplicatePair[]; counts: QueueCounts; hasMore: boolean }>(
        `/patients/duplicates?page=${page}&pageSize=10${viewQuery(view)}`,
      ),
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
    api<{ mergeId: string }>('/patients/merges', { method: 'POST', json: b }),
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
