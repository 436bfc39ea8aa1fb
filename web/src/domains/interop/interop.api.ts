import type {
  importJobPageSchema,
  importJobSchema,
  manifestSchema,
  rejectPageSchema,
  rejectSchema,
  typeCountsSchema,
} from '@server/interop/bulk/bulk.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Shapes from the bulk import schemas (docs/adr/0005, type-only imports).
export type Counts = z.output<typeof typeCountsSchema>;
export type ImportJob = z.output<typeof importJobSchema>;
export type Reject = z.output<typeof rejectSchema>;

export const useImportJobs = () =>
  useQuery({
    queryKey: ['imports'],
    queryFn: () => api<z.output<typeof importJobPageSchema>>('/interop/imports?limit=10'),
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
      api<z.output<typeof rejectPageSchema>>(
        `/interop/imports/${id}/rejects?limit=${pageSize}&offset=${(page - 1) * pageSize}`,
      ),
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

/**
 * Starts a FHIR bulk export ($export, async pattern) and polls its status URL until the manifest is ready.
 * The browser's session cookie authenticates the /fhir calls like the /api ones.
 */
/** The FHIR bulk export manifest (from the export schema). */
export type ExportManifest = z.output<typeof manifestSchema>;

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
