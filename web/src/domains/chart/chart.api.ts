import type {
  bannerSchema,
  ChartEntry,
  documentPageSchema,
  documentSchema,
  encounterDetailSchema,
  encounterPageSchema,
  encounterSchema,
  encounterStatusSchema,
  entryPageSchema,
  versionListSchema,
} from '@server/chart/chart.schemas.ts';
import type { Collection } from '@server/chart/entry-kinds.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Shapes as the chart API sends them, from its response schemas (docs/adr/0005, type-only imports).
export type { ChartEntry, Collection };
export type EncounterStatus = z.output<typeof encounterStatusSchema>;
export type Encounter = z.output<typeof encounterSchema>;
export type ChartDocument = z.output<typeof documentSchema>;
export type Banner = z.output<typeof bannerSchema>;
export type Version = z.output<typeof versionListSchema>['items'][number];
/** Entries with `data` as a plain record (the server's own ChartEntry view of the per-kind union). */
type EntryPage = Omit<z.output<typeof entryPageSchema>, 'items'> & { items: ChartEntry[] };
/** The versioned things' URL prefixes (`/<kind>/:id/versions`, `/<kind>/:id/entered-in-error`). */
export type VersionedKind = 'chart-entries' | 'encounters' | 'documents';

export const PAGE_SIZE = 20;

export const useBanner = (patientId: string) =>
  useQuery({
    queryKey: ['chart', patientId, 'banner'],
    queryFn: () => api<Banner>(`/patients/${patientId}/chart/banner`),
  });

export const useCollection = (patientId: string, collection: Collection, page: number, code?: string) =>
  useQuery({
    queryKey: ['chart', patientId, collection, page, code ?? ''],
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String((page - 1) * PAGE_SIZE) });
      if (code) q.set('code', code);
      return api<EntryPage>(`/patients/${patientId}/${collection}?${q}`);
    },
  });

export const useEncounters = (patientId: string, page: number) =>
  useQuery({
    queryKey: ['chart', patientId, 'encounters', page],
    queryFn: () =>
      api<z.output<typeof encounterPageSchema>>(
        `/patients/${patientId}/encounters?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`,
      ),
  });

export const useEncounter = (id: string) =>
  useQuery({
    queryKey: ['encounter', id],
    queryFn: () =>
      api<Omit<z.output<typeof encounterDetailSchema>, 'outcomes'> & { outcomes: ChartEntry[] }>(
        `/encounters/${id}`,
      ),
  });

export const useDocuments = (patientId: string, page: number, enabled = true) =>
  useQuery({
    enabled,
    queryKey: ['chart', patientId, 'documents', page],
    queryFn: () =>
      api<z.output<typeof documentPageSchema>>(
        `/patients/${patientId}/documents?limit=${PAGE_SIZE}&offset=${(page - 1) * PAGE_SIZE}`,
      ),
  });

export const useVersions = (kind: VersionedKind, id: string | null) =>
  useQuery({
    queryKey: ['versions', kind, id],
    enabled: id !== null,
    queryFn: () => api<z.output<typeof versionListSchema>>(`/${kind}/${id}/versions`),
  });

/** After any write, everything about this patient's chart (and open encounters) is refetched. */
function useInvalidate(patientId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['chart', patientId] }),
      qc.invalidateQueries({ queryKey: ['encounter'] }),
      qc.invalidateQueries({ queryKey: ['versions'] }),
    ]);
}

export function useCreateEntry(patientId: string, collection: Collection) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (body: { kind: string; encounterId?: string; data: Record<string, unknown> }) =>
      api<ChartEntry>(`/patients/${patientId}/${collection}`, { method: 'POST', json: body }),
    onSuccess: done,
  });
}

export function useCreateEncounter(patientId: string) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<Encounter>(`/patients/${patientId}/encounters`, { method: 'POST', json: body }),
    onSuccess: done,
  });
}

export function useEncounterStatus(patientId: string) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (v: { id: string; status: EncounterStatus; version: number }) =>
      api<Encounter>(`/encounters/${v.id}/status`, {
        method: 'POST',
        json: { status: v.status, version: v.version },
      }),
    onSuccess: done,
  });
}

export function useUpdateEncounter(patientId: string) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: ({ id, ...body }: Record<string, unknown> & { id: string }) =>
      api<Encounter>(`/encounters/${id}`, { method: 'PUT', json: body }),
    onSuccess: done,
  });
}

export function useMarkInError(patientId: string, kind: VersionedKind) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (v: { id: string; version: number; reason: string }) =>
      api<ChartEntry | Encounter | ChartDocument>(`/${kind}/${v.id}/entered-in-error`, {
        method: 'POST',
        json: { version: v.version, reason: v.reason },
      }),
    onSuccess: done,
  });
}

export function useUploadDocument(patientId: string) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (form: FormData) =>
      api<ChartDocument>(`/patients/${patientId}/documents`, { method: 'POST', body: form }),
    onSuccess: done,
  });
}

export const useLookupChart = () =>
  useMutation({
    mutationFn: (mrn: string) =>
      api<{ patientId: string }>('/chart/lookup', { method: 'POST', json: { mrn } }),
  });

/** Fetches a document's bytes (cookie-authenticated) into a blob URL for the viewer. */
export async function documentBlobUrl(id: string): Promise<string> {
  const res = await fetch(`/api/documents/${id}/content`, { credentials: 'same-origin' });
  if (!res.ok) throw new Error('The document could not be opened. Reload the page and try again.');
  return URL.createObjectURL(await res.blob());
}

export function useUpdateEntry(patientId: string) {
  const done = useInvalidate(patientId);
  return useMutation({
    mutationFn: (v: { id: string; version: number; reason: string; data: Record<string, unknown> }) =>
      api<ChartEntry>(`/chart-entries/${v.id}`, {
        method: 'PUT',
        json: { version: v.version, reason: v.reason, data: v.data },
      }),
    onSuccess: done,
  });
}
