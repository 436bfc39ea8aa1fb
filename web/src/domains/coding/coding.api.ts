import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

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
