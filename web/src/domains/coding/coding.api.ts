import type {
  BrowseResult,
  CodeResult,
  CodeVersion,
  codedEncounterSchema,
  codeSystemSchema,
  codeVersionListSchema,
  diffResultSchema,
  editsResultSchema,
  importSampleResultSchema,
  SearchResult,
  searchQuerySchema,
} from '@server/coding/coding.schemas.ts';
import type { jobSchema } from '@server/coding/import-job.routes.ts';
import type {
  productivitySchema,
  queuePageSchema,
  saveCodingBody,
} from '@server/coding/workbench/workbench.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';
import type { CodingAction, CodingRecord, CodingScreen, QueueFilter } from './workbench.types.ts';

// Shapes as the coding API sends them, from its schemas (docs/adr/0005, type-only imports).
/** The systems the code search offers (the registry's ICD-O-3 axes are searched from the abstract). */
export type CodeSystem = Extract<z.output<typeof codeSystemSchema>, 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'cpt'>;
export type { BrowseResult, CodeResult, CodeVersion, SearchResult };
export type BrowseNode = BrowseResult['nodes'][number];
export type VersionDiff = z.output<typeof diffResultSchema>;
export type DiffEntry = VersionDiff['added'][number];
/** The search form: the server's query fields the screen sets. */
export type SearchParams = { system: CodeSystem; date: string } & Required<
  Pick<z.input<typeof searchQuerySchema>, 'q' | 'page'>
>;
/** The draft the coder is typing, as the edits engine takes it. */
export type EditsDraft = z.input<typeof codedEncounterSchema>;
export type SaveBody = z.input<typeof saveCodingBody>;
export type ProductivityRow = z.output<typeof productivitySchema>['rows'][number];
/**
 * A code-set import job. The server sends `summary` and `error.details` as open records; these are the
 * fields the import writes there (src/coding/import.service.ts).
 */
export type ImportJob = Omit<z.output<typeof jobSchema>, 'summary' | 'error'> & {
  summary: {
    status?: string;
    billable?: number;
    headers?: number;
    records?: number;
    version?: string;
  } | null;
  error: { code: string; message: string; details?: { issues?: { line: number; message: string }[] } } | null;
};

/** How code systems are named on screen. */
export const SYSTEM_LABELS: Record<string, string> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS',
  cpt: 'CPT',
  'icdo3-topo': 'ICD-O-3 topography',
  'icdo3-morph': 'ICD-O-3 morphology',
};
export const systemLabel = (s: string): string => SYSTEM_LABELS[s] ?? s;

export const useCodeSearch = (p: SearchParams) =>
  useQuery({
    queryKey: ['codes', 'search', p],
    enabled: p.q.trim().length > 0,
    placeholderData: keepPreviousData,
    queryFn: () => {
      const qs = new URLSearchParams({ q: p.q, system: p.system, page: String(p.page), pageSize: '15' });
      if (p.date) qs.set('date', p.date);
      return api<SearchResult>(`/codes/search?${qs}`);
    },
  });

export const useCodeBrowse = (parent: string | null, date: string) =>
  useQuery({
    queryKey: ['codes', 'browse', parent, date],
    queryFn: () => {
      const qs = new URLSearchParams();
      if (parent) qs.set('parent', parent);
      if (date) qs.set('date', date);
      return api<BrowseResult>(`/codes/browse?${qs}`);
    },
  });

export const useCodeVersions = () =>
  useQuery({
    queryKey: ['codes', 'versions'],
    queryFn: () => api<z.output<typeof codeVersionListSchema>>('/codes/versions'),
  });

export const useVersionDiff = (system: string, from: string | null, to: string | null) =>
  useQuery({
    queryKey: ['codes', 'diff', system, from, to],
    enabled: Boolean(from && to && from !== to),
    queryFn: () =>
      api<VersionDiff>(
        `/codes/${system}/diff?from=${encodeURIComponent(from!)}&to=${encodeURIComponent(to!)}`,
      ),
  });

export function useImportSample() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<z.output<typeof importSampleResultSchema>>('/codes/import-sample', { method: 'POST', json: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['codes'] }),
  });
}

// ——— Encounter coding workbench ———

export type * from './workbench.types.ts';

export const useCodingQueue = (f: QueueFilter, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['coding', 'queue', f, page],
    placeholderData: keepPreviousData,
    queryFn: () => {
      const qs = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
      for (const [k, v] of Object.entries(f)) if (v) qs.set(k, v);
      return api<z.output<typeof queuePageSchema>>(`/coding/queue?${qs}`);
    },
  });

export const useCodingScreen = (encounterId: string) =>
  useQuery({
    queryKey: ['coding', 'encounter', encounterId],
    queryFn: () => api<CodingScreen>(`/coding/encounters/${encounterId}`),
  });

/** The draft the coder is typing, as the edits engine takes it. */

/** Live coding edits on the draft as the coder types (nothing is stored until Save). */
export const useLiveEdits = (draft: EditsDraft | null) =>
  useQuery({
    queryKey: ['coding', 'live-edits', draft],
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    queryFn: () => api<z.output<typeof editsResultSchema>>('/codes/edits', { method: 'POST', json: draft }),
  });

/** Save and the status changes; each answers the new coding record and refreshes the screen. */
export function useCodingChange(encounterId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: CodingAction; body: object }) =>
      action === 'save'
        ? api<CodingRecord>(`/coding/encounters/${encounterId}`, { method: 'PUT', json: body })
        : api<CodingRecord>(`/coding/encounters/${encounterId}/${action}`, { method: 'POST', json: body }),
    onSettled: () => client.invalidateQueries({ queryKey: ['coding'] }),
  });
}

export const useProductivity = (from: string, to: string) =>
  useQuery({
    queryKey: ['coding', 'productivity', from, to],
    enabled: Boolean(from && to && from <= to),
    queryFn: () => api<z.output<typeof productivitySchema>>(`/coding/productivity?from=${from}&to=${to}`),
  });

// ——— Code-set import jobs ———

export function useStartImport() {
  return useMutation({
    mutationFn: (form: FormData) => api<ImportJob>('/codes/imports', { method: 'POST', body: form }),
  });
}

/** Polls an import job twice a second while it runs; refreshes the version list when it is done. */
export function useImportJob(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['codes', 'import-job', id],
    enabled: id !== null,
    queryFn: async () => {
      const job = await api<ImportJob>(`/codes/imports/${id}`);
      if (job.status === 'done') await client.invalidateQueries({ queryKey: ['codes', 'versions'] });
      return job;
    },
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false),
  });
}
