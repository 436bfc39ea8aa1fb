import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

export interface Denial {
  id: string;
  claimId: string;
  patientControlNumber: string;
  patientId: string;
  patientName: string;
  mrn: string;
  payerName: string;
  payerId: string | null;
  claimType: 'P' | 'I';
  claimStatus: string;
  serviceFrom: string;
  serviceTo: string;
  line: { lineNo: number; code: string } | null;
  groupCode: string;
  reasonCode: string;
  reasonText: string;
  category: string;
  remarks: { code: string; text: string }[];
  suggestedAction: string;
  amount: number;
  claimBalance: number;
  deniedOn: string;
  ageDays: number;
  aging: string;
  status: string;
  assignee: { id: string; username: string; name: string | null } | null;
  version: number;
}

export interface DenialDetail extends Denial {
  events: {
    version: number;
    action: string;
    status: string;
    note: string | null;
    actor: string;
    at: string;
  }[];
  appeals: {
    id: string;
    level: number;
    reason: string;
    records: string[];
    createdBy: string;
    createdAt: string;
  }[];
}

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
      return api<{ items: Denial[]; total: number }>(`/billing/denials?${q}`);
    },
    placeholderData: keepPreviousData,
  });

export const useDenial = (id: string | null) =>
  useQuery({
    queryKey: ['billing', 'denial', id],
    queryFn: () => api<DenialDetail>(`/billing/denials/${id}`),
    enabled: id !== null,
  });

export interface Aging {
  asOf: string;
  buckets: string[];
  payers: {
    payerName: string;
    buckets: Record<string, { count: number; amount: number }>;
    count: number;
    amount: number;
  }[];
  totals: Record<string, { count: number; amount: number }>;
}

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

export interface Payer {
  id: string;
  payerId: string;
  name: string;
  filingIndicator: string;
  planType: string;
  timelyFilingDays: number;
  priorAuthCodes: string[];
}

export const usePayers = () =>
  useQuery({ queryKey: ['billing', 'payers'], queryFn: () => api<{ items: Payer[] }>('/billing/payers') });

export const PRIOR_AUTH_STATUS_LABEL: Record<string, string> = {
  pending: 'Pending',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  denied: 'Denied',
  cancelled: 'Cancelled',
};

export interface PriorAuth {
  id: string;
  patientId: string;
  patientName: string;
  mrn: string;
  payerId: string;
  payerName: string;
  codes: string[];
  unitsApproved: number | null;
  unitsUsed: number;
  unitsRemaining: number | null;
  validFrom: string;
  validTo: string;
  status: string;
  authorizationNumber: string | null;
  note: string | null;
  version: number;
}

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
      const r = await api<{ items: PriorAuth[] }>(`/billing/prior-auths?${q}`);
      return { items: r.items.slice(0, PRIOR_AUTH_PAGE), hasMore: r.items.length > PRIOR_AUTH_PAGE };
    },
    placeholderData: keepPreviousData,
  });

export interface PriorAuthInput {
  patientId: string;
  payerId: string;
  codes: string[];
  unitsApproved: number | null;
  validFrom: string;
  validTo: string;
  status: string;
  authorizationNumber: string | null;
  note: string | null;
}

export function useCreatePriorAuth() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: PriorAuthInput) =>
      api<PriorAuth>('/billing/prior-auths', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'prior-auths'] }),
  });
}

export function useChangePriorAuth(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { version: number; status?: string; authorizationNumber?: string | null }) =>
      api<PriorAuth>(`/billing/prior-auths/${id}`, { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing', 'prior-auths'] }),
  });
}
