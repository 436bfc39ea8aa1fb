import type { JOB_STATUSES, jobListOut, jobOut, jobQueuesOut } from '@server/system/jobs.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Types come from the server's response schemas (type-only imports, issue 12 item 6).
export type Job = z.infer<typeof jobOut>;
export type JobPage = z.infer<typeof jobListOut>;
export type JobQueueInfo = z.infer<typeof jobQueuesOut>['queues'][number];
export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_STATUS_LIST: JobStatus[] = [
  'queued',
  'running',
  'retrying',
  'completed',
  'failed',
  'cancelled',
];
/** Jobs in these states may still change: the screen refreshes while one is on the page. */
export const LIVE: ReadonlySet<JobStatus> = new Set(['queued', 'running', 'retrying']);

export interface JobFilter {
  kinds: string[];
  statuses: JobStatus[];
  page: number;
  pageSize: number;
}

export function jobListPath(f: JobFilter): string {
  const q = new URLSearchParams({ page: String(f.page), pageSize: String(f.pageSize) });
  if (f.kinds.length) q.set('kind', f.kinds.join(','));
  if (f.statuses.length) q.set('status', f.statuses.join(','));
  return `/admin/jobs?${q}`;
}

/** One page of jobs; refetched every 2 s while any job on it is still queued, running or retrying. */
export const useJobs = (f: JobFilter) =>
  useQuery({
    queryKey: ['jobs', f],
    queryFn: () => api<JobPage>(jobListPath(f)),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((j) => LIVE.has(j.status)) ? 2000 : false),
  });

export const useJobQueues = () =>
  useQuery({
    queryKey: ['jobs', 'queues'],
    queryFn: () => api<{ queues: JobQueueInfo[] }>('/admin/jobs/queues'),
    staleTime: 60_000,
  });

/** Cancel or retry one job; the list is refetched either way (the server's answer is the truth). */
export function useJobAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'retry' }) =>
      api<Job>(`/admin/jobs/${id}/${action}`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
