import type {
  EligibilityImportResult,
  EligibilityOut,
  EligibilityRequestResult,
} from '@server/billing/eligibility/eligibility.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type Eligibility = EligibilityOut;
export const ELIGIBILITY_PAGE = 25;

export const ELIGIBILITY_STATUS_LABEL: Record<string, string> = {
  sent: 'Awaiting answer',
  active: 'Active',
  inactive: 'Inactive',
  rejected: 'Rejected',
};

export const useEligibility = (status: string | null, page: number) =>
  useQuery({
    queryKey: ['billing', 'eligibility', status, page],
    queryFn: () => {
      const q = new URLSearchParams({
        limit: String(ELIGIBILITY_PAGE),
        offset: String((page - 1) * ELIGIBILITY_PAGE),
      });
      if (status) q.set('status', status);
      return api<{ items: Eligibility[]; total: number }>(`/billing/eligibility?${q}`);
    },
    placeholderData: keepPreviousData,
  });

export function useRequestEligibility() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { patientIds?: string[]; serviceDate: string }) =>
      api<EligibilityRequestResult>('/billing/eligibility/requests', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'eligibility'] }),
  });
}

export function useImportEligibility() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { content: string; fileName: string }) =>
      api<EligibilityImportResult>('/billing/eligibility/responses', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'eligibility'] }),
  });
}
