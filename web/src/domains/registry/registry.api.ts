import type {
  casefindSchema,
  checkSchema,
  contactBody,
  contactHistorySchema,
  contactResultSchema,
  dashboardSchema,
  dueListSchema,
  followupRateSchema,
  letterBatchSchema,
  suspenseListSchema,
  suspenseSchema,
  tumourDetailSchema,
  tumourListSchema,
} from '@server/registry/registry.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Types come from the server's own response schemas (type-only imports: nothing of the server is bundled).
export type SuspenseList = z.infer<typeof suspenseListSchema>;
export type SuspenseHit = z.infer<typeof suspenseSchema>;
export type TumourDetail = z.infer<typeof tumourDetailSchema>;
export type TumourList = z.infer<typeof tumourListSchema>;
export type EditCheck = z.infer<typeof checkSchema>;
export type DueList = z.infer<typeof dueListSchema>;
export type DueRow = DueList['items'][number];
export type FollowupRate = z.infer<typeof followupRateSchema>;
export type ContactInput = z.input<typeof contactBody>;
export type ContactResult = z.infer<typeof contactResultSchema>;
export type ContactHistory = z.infer<typeof contactHistorySchema>;
export type LetterBatch = z.infer<typeof letterBatchSchema>;
export type CasefindResult = z.infer<typeof casefindSchema>;
export type RegistryDashboard = z.infer<typeof dashboardSchema>;

const qs = (o: Record<string, string | number | undefined>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') p.set(k, String(v));
  return p.toString();
};

/** The suspense queue, keyset-paged (`after` is the last id of the previous page). */
export const useSuspense = (f: { status: string; after?: string; limit: number }) =>
  useQuery({
    queryKey: ['registry', 'suspense', f],
    queryFn: () => api<SuspenseList>(`/registry/suspense?${qs(f)}`),
    placeholderData: keepPreviousData,
  });

export function useCasefind() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<CasefindResult>('/registry/casefind', { method: 'POST', json: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['registry', 'suspense'] }),
  });
}

export function useResolveHit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      a: { id: string; action: 'accept' } | { id: string; action: 'not-reportable'; reason: string },
    ) =>
      api<SuspenseHit>(`/registry/suspense/${a.id}/${a.action}`, {
        method: 'POST',
        ...(a.action === 'not-reportable' ? { json: { reason: a.reason } } : {}),
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export const useTumours = (f: { patientId?: string; status?: string; after?: string; limit: number }) =>
  useQuery({
    queryKey: ['registry', 'tumours', f],
    queryFn: () => api<TumourList>(`/registry/tumours?${qs(f)}`),
    placeholderData: keepPreviousData,
  });

export const useTumour = (id: string) =>
  useQuery({
    queryKey: ['registry', 'tumour', id],
    queryFn: () => api<TumourDetail>(`/registry/tumours/${id}`),
  });

/** Runs the edits over the items being typed (nothing saved). */
export const checkItems = (body: {
  dictionaryVersion: string;
  items: Record<string, string>;
  patientItems: Record<string, string>;
}) => api<EditCheck>('/registry/edits', { method: 'POST', json: body });

export function useSaveTumour(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      version: number;
      items: Record<string, string | null>;
      patientItems: Record<string, string | null>;
    }) => api<TumourDetail>(`/registry/tumours/${id}`, { method: 'PATCH', json: body }),
    onSuccess: (data) => qc.setQueryData(['registry', 'tumour', id], data),
  });
}

export function useCompleteTumour(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      api<TumourDetail>(`/registry/tumours/${id}/complete`, { method: 'POST', json: { version } }),
    onSuccess: (data) => qc.setQueryData(['registry', 'tumour', id], data),
  });
}

export const useDueList = (f: { state?: string; withinDays: number; offset: number; limit: number }) =>
  useQuery({
    queryKey: ['registry', 'due', f],
    queryFn: () => api<DueList>(`/registry/followup/due?${qs(f)}`),
    placeholderData: keepPreviousData,
  });

/** Cases by SEER site recode, diagnosis year and Summary Stage 2018. */
export const useDashboard = () =>
  useQuery({
    queryKey: ['registry', 'dashboard'],
    queryFn: () => api<RegistryDashboard>('/registry/dashboard'),
  });

export const useFollowupRate = () =>
  useQuery({ queryKey: ['registry', 'rate'], queryFn: () => api<FollowupRate>('/registry/followup/rate') });

export function useRecordContact(registryPatientId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactInput) =>
      api<ContactResult>(`/registry/patients/${registryPatientId}/followup`, { method: 'POST', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['registry'] }),
  });
}

export function useLetterBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { recipient: 'patient' | 'physician'; registryPatientIds?: string[] }) =>
      api<LetterBatch>('/registry/followup/letters', { method: 'POST', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['registry', 'due'] }),
  });
}

export const letterPdfUrl = (batchId: string) => `/api/registry/followup/letters/${batchId}/pdf`;
export const exportUrl = (f: { version: string; recordType: string; diagnosisYear?: string }) =>
  `/api/registry/export.xml?${qs(f)}`;
