import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type Counts = Record<
  string,
  { created?: number; updated?: number; unchanged?: number; rejected?: number; skipped?: number }
>;
export interface ImportJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  files: string[];
  total: number;
  processed: number;
  counts: Counts;
  error: string | null;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
}
export interface Reject {
  file: string;
  location: string;
  resourceType: string | null;
  id: string | null;
  issues: { expression: string; code: string; message: string }[];
}
interface Page<T> {
  items: T[];
  total: number;
}

export const useImportJobs = () =>
  useQuery({
    queryKey: ['imports'],
    queryFn: () => api<Page<ImportJob>>('/interop/imports?limit=10'),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.status === 'running') ? 2000 : false),
  });

/** A job, polled every second while it runs (the import continues on the server if the page closes). */
export const useImportJob = (id: string | null) =>
  useQuery({
    queryKey: ['imports', id],
    queryFn: () => api<ImportJob>(`/interop/imports/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });

export const useImportRejects = (id: string | null, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['imports', id, 'rejects', page],
    queryFn: () =>
      api<Page<Reject>>(`/interop/imports/${id}/rejects?limit=${pageSize}&offset=${(page - 1) * pageSize}`),
    enabled: id !== null,
  });

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => {
      const form = new FormData();
      for (const f of files) form.append('file', f, f.name);
      return api<ImportJob>('/interop/imports', { method: 'POST', body: form });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['imports'] }),
  });
}

export interface ExportManifest {
  transactionTime: string;
  output: { type: string; url: string; count: number }[];
}

/**
 * Starts a FHIR bulk export ($export, async pattern) and polls its status URL until the manifest is ready.
 * The browser's session cookie authenticates the /fhir calls like the /api ones.
 */
export async function runExport(types: string[], since: string | null): Promise<ExportManifest> {
  const q = new URLSearchParams();
  if (types.length) q.set('_type', types.join(','));
  if (since) q.set('_since', since);
  const kick = await fetch(`/fhir/$export?${q}`, {
    headers: { prefer: 'respond-async', accept: 'application/fhir+json' },
  });
  if (kick.status !== 202) throw new Error(await outcomeText(kick));
  const status = kick.headers.get('content-location') ?? '';
  for (;;) {
    await new Promise((ok) => setTimeout(ok, 1000));
    const s = await fetch(new URL(status).pathname);
    if (s.status === 200) return (await s.json()) as ExportManifest;
    if (s.status !== 202) throw new Error(await outcomeText(s));
  }
}

async function outcomeText(res: Response): Promise<string> {
  const body = (await res.json().catch(() => undefined)) as
    | { issue?: { diagnostics?: string }[] }
    | undefined;
  return body?.issue?.map((i) => i.diagnostics).join(' ') || `The export failed (${res.status}).`;
}
