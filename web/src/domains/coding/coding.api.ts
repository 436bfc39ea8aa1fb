import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type {
  CodingAction,
  CodingRecord,
  CodingScreen,
  DiagnosisLine,
  DrugLine,
  Finding,
  ProcedureLine,
  QueueFilter,
  QueueItem,
} from './workbench.types.ts';

export type CodeSystem = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'cpt';

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

export interface CodeResult {
  system: string;
  version: string;
  code: string;
  display: string;
  billable: boolean;
  header: boolean;
  shortDescription: string;
  description: string;
  validOnDate: boolean;
  billableChildren?: { code: string; display: string; description: string }[];
}

export interface SearchResult {
  system: string;
  version: string;
  date: string;
  mode: 'code' | 'words' | 'similar';
  expandedTerms: string[];
  total: number;
  page: number;
  pageSize: number;
  items: CodeResult[];
}

export interface BrowseNode {
  kind: 'chapter' | 'code';
  id: string;
  label: string;
  description: string;
  billable: boolean;
  hasChildren: boolean;
}
export interface BrowseResult {
  version: string;
  parent: string | null;
  path: { id: string; label: string }[];
  nodes: BrowseNode[];
}

export interface CodeVersion {
  system: string;
  version: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  source: string;
  billable: number;
  headers: number;
  loadedAt: string;
}

export interface DiffEntry {
  code: string;
  billable: boolean;
  description: string;
  previousDescription?: string;
}
export interface VersionDiff {
  added: DiffEntry[];
  deleted: DiffEntry[];
  revised: DiffEntry[];
  counts: Record<'codes' | 'headers', { added: number; deleted: number; revised: number }>;
}

export interface SearchParams {
  q: string;
  system: CodeSystem;
  date: string;
  page: number;
}

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
    queryFn: () => api<{ versions: CodeVersion[] }>('/codes/versions'),
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
    mutationFn: () => api<{ imports: unknown[] }>('/codes/import-sample', { method: 'POST', json: {} }),
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
      return api<{ items: QueueItem[]; total: number }>(`/coding/queue?${qs}`);
    },
  });

export const useCodingScreen = (encounterId: string) =>
  useQuery({
    queryKey: ['coding', 'encounter', encounterId],
    queryFn: () => api<CodingScreen>(`/coding/encounters/${encounterId}`),
  });

/** The draft the coder is typing, as the edits engine takes it. */
export interface EditsDraft {
  dateOfService: string;
  patient: { ageYears: number; sex: 'female' | 'male' | 'unknown' };
  inpatient: boolean;
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
}

/** Live coding edits on the draft as the coder types (nothing is stored until Save). */
export const useLiveEdits = (draft: EditsDraft | null) =>
  useQuery({
    queryKey: ['coding', 'live-edits', draft],
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    queryFn: () => api<{ findings: Finding[] }>('/codes/edits', { method: 'POST', json: draft }),
  });

export interface SaveBody {
  version: number;
  diagnoses: DiagnosisLine[];
  procedures: ProcedureLine[];
  drugs: DrugLine[];
  coderNotes?: string;
}

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

export interface ProductivityRow {
  day: string;
  coderId: string;
  coderName: string;
  encountersCoded: number;
  encountersFinalized: number;
  errorsHit: number;
  warningsHit: number;
}

export const useProductivity = (from: string, to: string) =>
  useQuery({
    queryKey: ['coding', 'productivity', from, to],
    enabled: Boolean(from && to && from <= to),
    queryFn: () => api<{ rows: ProductivityRow[] }>(`/coding/productivity?from=${from}&to=${to}`),
  });

// ——— Code-set import jobs ———

export interface ImportJob {
  id: string;
  kind: string;
  version: string | null;
  sourceName: string;
  status: 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  summary: {
    status?: string;
    billable?: number;
    headers?: number;
    records?: number;
    version?: string;
  } | null;
  error: { code: string; message: string; details?: { issues?: { line: number; message: string }[] } } | null;
}

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
