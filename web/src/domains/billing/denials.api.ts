import type { payerListSchema } from '@server/billing/billing.schemas.ts';
import type {
  agingSchema,
  denialDetailSchema,
  denialListSchema,
  denialSchema,
} from '@server/billing/denials/denials.schemas.ts';
import type {
  priorAuthCreate,
  priorAuthDetailSchema,
  priorAuthListSchema,
  priorAuthSchema,
  priorAuthUpdate,
} from '@server/billing/priorauth/priorauth.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

export const DENIAL_STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  appealed: 'Appealed',
  resubmitted: 'Resubmitted',
  resolved: 'Resolved',
  written_off: 'Written off',
};

/** CARC categories as src/billing/denials/carc.ts groups them. */
export const DENIAL_CATEGORY_LABEL: Record<string, string> = {
  eligibility: 'Eligibility',
  authorization: 'Authorization',
  coding: 'Coding',
  bundling: 'Bundling',
  medical_necessity: 'Medical necessity',
  non_covered: 'Not covered',
  missing_information: 'Missing information',
  timely_filing: 'Timely filing',
  duplicate: 'Duplicate',
  coordination_of_benefits: 'Coordination of benefits',
  provider: 'Provider',
  pricing: 'Pricing',
  other: 'Other',
};

// Shapes as the billing API sends them, from its response schemas (docs/adr/0005, type-only imports).
export type Denial = z.output<typeof denialSchema>;
export type DenialDetail = z.output<typeof denialDetailSchema>;
export type Aging = z.output<typeof agingSchema>;
export type Payer = z.output<typeof payerListSchema>['items'][number];
export type PriorAuth = z.output<typeof priorAuthSchema>;
export type PriorAuthStatus = PriorAuth['status'];
export type PriorAuthInput = z.input<typeof priorAuthCreate>;

/** The denial queue's filter form (the web's state; sent as denialQuery parameters). */
export interface DenialFilters {
  status: string;
  category: string | null;
  payer: string;
}

export const DENIAL_PAGE = 20;

export const useDenials = (f: DenialFilters, page: number) =>
  useQuery({
    queryKey: ['billing', 'denials', f, page],
    queryFn: () => {
      const q = new URLSearchParams({
        status: f.status,
        limit: String(DENIAL_PAGE),
        offset: String((page - 1) * DENIAL_PAGE),
      });
      if (f.category) q.set('category', f.category);
      if (f.payer.trim()) q.set('payer', f.payer.trim());
      return api<z.output<typeof denialListSchema>>(`/billing/denials?${q}`);
    },
    placeholderData: keepPreviousData,
  });

export const useDenial = (id: string | null) =>
  useQuery({
    queryKey: ['billing', 'denial', id],
    queryFn: () => api<DenialDetail>(`/billing/denials/${id}`),
    enabled: id !== null,
  });

export const useDenialAging = () =>
  useQuery({
    queryKey: ['billing', 'denials', 'aging'],
    queryFn: () => api<Aging>('/billing/denials/aging'),
  });

/** Accounts-receivable aging: open claim balances per payer by days since submission. */
export const useArAging = () =>
  useQuery({
    queryKey: ['billing', 'aging'],
    queryFn: () => api<Aging>('/billing/aging'),
  });

export function useDenialAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { path: 'appeals' | 'status' | 'assign' | 'resubmit'; body: object }) =>
      api<unknown>(`/billing/denials/${id}/${a.path}`, { method: 'POST', json: a.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export const usePayers = () =>
  useQuery({
    queryKey: ['billing', 'payers'],
    queryFn: () => api<z.output<typeof payerListSchema>>('/billing/payers'),
  });

export const PRIOR_AUTH_STATUS_LABEL: Record<PriorAuthStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  denied: 'Denied',
  cancelled: 'Cancelled',
};

export const PRIOR_AUTH_PAGE = 20;

/** One page of prior authorizations; one extra row is asked for to know whether a next page exists. */
export const usePriorAuths = (status: string | null, page: number) =>
  useQuery({
    queryKey: ['billing', 'prior-auths', status, page],
    queryFn: async () => {
      const q = new URLSearchParams({
        limit: String(PRIOR_AUTH_PAGE + 1),
        offset: String((page - 1) * PRIOR_AUTH_PAGE),
      });
      if (status) q.set('status', status);
      const r = await api<z.output<typeof priorAuthListSchema>>(`/billing/prior-auths?${q}`);
      return { items: r.items.slice(0, PRIOR_AUTH_PAGE), hasMore: r.items.length > PRIOR_AUTH_PAGE };
    },
    placeholderData: keepPreviousData,
  });

export function useCreatePriorAuth() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PriorAuthInput) =>
      api<z.output<typeof priorAuthDetailSchema>>('/billing/prior-auths', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'prior-auths'] }),
  });
}

export function useChangePriorAuth(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof priorAuthUpdate>) =>
      api<z.output<typeof priorAuthDetailSchema>>(`/billing/prior-auths/${id}`, {
        method: 'POST',
        json: input,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'prior-auths'] }),
  });
}
