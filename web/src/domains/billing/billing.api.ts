import type {
  buildResultSchema,
  claimDetailSchema,
  claimListSchema,
  claimSummarySchema,
  CLAIM_STATUSES as SERVER_CLAIM_STATUSES,
} from '@server/billing/billing.schemas.ts';
import type {
  remitImportBody,
  remitImportResult,
  remitListSchema,
  remitTransactionSchema,
  worklistSchema,
} from '@server/billing/remit/remit.schemas.ts';
import type { fixBody, scrubResultSchema } from '@server/billing/scrubber/scrubber.schemas.ts';
import type {
  batchBody,
  batchListSchema,
  batchResultSchema,
  previewSchema,
} from '@server/billing/x12/batch.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

/** The claim statuses in the order the queue's filter lists them; `satisfies` keeps them the server's. */
export const CLAIM_STATUSES = [
  'draft',
  'scrubbed',
  'ready',
  'submitted',
  'accepted',
  'rejected',
  'paid',
  'partially_paid',
  'denied',
  'appealed',
  'closed',
  'void',
] as const satisfies readonly ClaimStatus[];
// Shapes as the billing API sends them, from its response schemas (docs/adr/0005, type-only imports).
export type ClaimStatus = (typeof SERVER_CLAIM_STATUSES)[number];
export type ClaimSummary = z.output<typeof claimSummarySchema>;
export type ClaimDetail = z.output<typeof claimDetailSchema>;
export type Finding = ClaimDetail['findings'][number];
/** COB: the claim a claim follows, or the one that follows it. */
export type LinkedClaim = NonNullable<ClaimDetail['priorClaim']>;
export type FixInput = z.input<typeof fixBody>;
export type FixKind = FixInput['fix'];
export type ScrubResult = z.output<typeof scrubResultSchema>;
export type BuildResult = z.output<typeof buildResultSchema>;
export type BatchFile = z.output<typeof batchResultSchema>['files'][number];
export type BatchRow = z.output<typeof batchListSchema>['items'][number];
export type RemitTransaction = z.output<typeof remitTransactionSchema>;
export type RemitRow = z.output<typeof remitListSchema>['items'][number];
export type WorklistItem = z.output<typeof worklistSchema>['items'][number];

export const STATUS_LABEL: Record<ClaimStatus, string> = {
  draft: 'Draft',
  scrubbed: 'Needs work',
  ready: 'Ready',
  submitted: 'Submitted',
  accepted: 'Accepted',
  rejected: 'Rejected',
  paid: 'Paid',
  partially_paid: 'Partially paid',
  denied: 'Denied',
  appealed: 'Appealed',
  closed: 'Closed',
  void: 'Void',
};

/** Money as the biller reads it: two decimals, no currency guess beyond the dollar sign X12 implies. */
export const money = (n: number): string => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

export const CLAIM_PAGE = 25;

/** One page of the claim queue (cursor paging by patient control number). */
export const useClaims = (status: ClaimStatus | 'all', after: string | null) =>
  useQuery({
    queryKey: ['billing', 'claims', status, after],
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(CLAIM_PAGE) });
      if (status !== 'all') q.set('status', status);
      if (after) q.set('after', after);
      return api<z.output<typeof claimListSchema>>(`/billing/claims?${q}`);
    },
    placeholderData: keepPreviousData,
  });

export const useClaim = (id: string) =>
  useQuery({
    queryKey: ['billing', 'claim', id],
    queryFn: () => api<ClaimDetail>(`/billing/claims/${id}`),
  });

export function useScrub() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (claimIds?: string[]) =>
      api<ScrubResult>('/billing/claims/scrub', { method: 'POST', json: claimIds ? { claimIds } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export function useBuildClaims() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<BuildResult>('/billing/claims/build', { method: 'POST', json: { allReady: true } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export function useApplyFix(claimId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: FixInput) =>
      api<ClaimDetail>(`/billing/claims/${claimId}/fixes`, { method: 'POST', json: input }),
    onSuccess: (claim) => {
      qc.setQueryData(['billing', 'claim', claimId], claim);
      void qc.invalidateQueries({ queryKey: ['billing', 'claim', claimId, '837'] });
      void qc.invalidateQueries({ queryKey: ['billing', 'claims'] });
    },
  });
}

/** The 837 a claim would be sent as; fetched only when the biller asks for it. */
export const use837Preview = (claimId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['billing', 'claim', claimId, '837', enabled],
    queryFn: () => api<z.output<typeof previewSchema>>(`/billing/claims/${claimId}/837`),
    enabled,
    retry: false,
  });

export const useBatches = () =>
  useQuery({
    queryKey: ['billing', 'batches'],
    queryFn: () => api<z.output<typeof batchListSchema>>('/billing/batches'),
  });

export function useCreateBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof batchBody>) =>
      api<z.output<typeof batchResultSchema>>('/billing/batches', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export const useRemits = () =>
  useQuery({
    queryKey: ['billing', 'remits'],
    queryFn: () => api<z.output<typeof remitListSchema>>('/billing/remits'),
  });

export const useWorklist = () =>
  useQuery({
    queryKey: ['billing', 'worklist'],
    queryFn: () => api<z.output<typeof worklistSchema>>('/billing/remits/worklist'),
  });

export function useImportRemit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof remitImportBody>) =>
      api<z.output<typeof remitImportResult>>('/billing/remits', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}
