import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

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
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

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
export const STATUS_COLOR: Record<ClaimStatus, string> = {
  draft: 'gray',
  scrubbed: 'orange',
  ready: 'teal',
  submitted: 'blue',
  accepted: 'blue',
  rejected: 'red',
  paid: 'green',
  partially_paid: 'yellow',
  denied: 'red',
  appealed: 'grape',
  closed: 'dark',
  void: 'dark',
};

/** Money as the biller reads it: two decimals, no currency guess beyond the dollar sign X12 implies. */
export const money = (n: number): string => n.toLocaleString('en-US', { style: 'currency', currency: 'USD' });

export interface ClaimSummary {
  id: string;
  patientControlNumber: string;
  payerId: string | null;
  payerName: string;
  payerOrder: 'primary' | 'secondary' | 'tertiary';
  type: 'P' | 'I';
  status: ClaimStatus;
  frequencyCode: string;
  patientId: string;
  encounterId: string;
  serviceFrom: string;
  serviceTo: string;
  charge: number;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  balance: number;
}

export type FixKind = 'recompute_total' | 'trim_pointers' | 'set_prior_auth';

export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  line?: number;
  fix?: FixKind;
}

export interface LinkedClaim {
  id: string;
  patientControlNumber: string;
  payerName: string;
  payerOrder: 'primary' | 'secondary' | 'tertiary';
  status: ClaimStatus;
}

export interface ClaimDetail extends ClaimSummary {
  version: number;
  /** COB: the claim this one follows and the one that follows it. */
  priorClaim: LinkedClaim | null;
  nextClaim: LinkedClaim | null;
  responsibility: { to: 'secondary' | 'patient' | 'forwarded'; amount: number } | null;
  priorPayer: {
    payerName: string;
    payerId: string;
    paid: number;
    patientResponsibility: number;
    adjudicatedOn: string;
  } | null;
  patientBalance: number;
  findings: Finding[];
  priorAuthNumber: string | null;
  diagnoses: { code: string; poa?: string }[];
  lines: {
    lineNo: number;
    codeSystem: string;
    code: string;
    modifiers: string[];
    units: number;
    serviceDate: string;
    diagnosisPointers: number[];
    placeOfService: string | null;
    revenueCode: string | null;
    charge: number;
    paid: number;
    adjusted: number;
  }[];
  history: { version: number; action: string; status: string; changedBy: string; changedAt: string }[];
}

export const CLAIM_PAGE = 25;

/** One page of the claim queue (cursor paging by patient control number). */
export const useClaims = (status: ClaimStatus | 'all', after: string | null) =>
  useQuery({
    queryKey: ['billing', 'claims', status, after],
    queryFn: () => {
      const q = new URLSearchParams({ limit: String(CLAIM_PAGE) });
      if (status !== 'all') q.set('status', status);
      if (after) q.set('after', after);
      return api<{ items: ClaimSummary[]; next: string | null }>(`/billing/claims?${q}`);
    },
    placeholderData: keepPreviousData,
  });

export const useClaim = (id: string) =>
  useQuery({
    queryKey: ['billing', 'claim', id],
    queryFn: () => api<ClaimDetail>(`/billing/claims/${id}`),
  });

export interface ScrubResult {
  scrubbed: number;
  ready: number;
  needsWork: number;
  changed: number;
  busy: number;
  byCode: Record<string, number>;
}

export function useScrub() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (claimIds?: string[]) =>
      api<ScrubResult>('/billing/claims/scrub', { method: 'POST', json: claimIds ? { claimIds } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export interface BuildResult {
  captured: number;
  built: number;
  replacements: number;
  skipped: { encounterId: string; reason: string }[];
}

export function useBuildClaims() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<BuildResult>('/billing/claims/build', { method: 'POST', json: { allReady: true } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export interface FixInput {
  fix: FixKind;
  line?: number;
  priorAuthNumber?: string;
  version: number;
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
    queryFn: () => api<{ x12: string }>(`/billing/claims/${claimId}/837`),
    enabled,
    retry: false,
  });

export interface BatchFile {
  batchId: string;
  file: string;
  payerId: string;
  type: 'P' | 'I';
  interchangeControlNumber: number;
  claims: number;
  charge: number;
}
export interface BatchRow {
  id: string;
  interchangeControlNumber: number;
  payerId: string;
  type: 'P' | 'I';
  file: string;
  claims: number;
  charge: number;
  createdBy: string;
  createdAt: string;
}

export const useBatches = () =>
  useQuery({
    queryKey: ['billing', 'batches'],
    queryFn: () => api<{ items: BatchRow[] }>('/billing/batches'),
  });

export function useCreateBatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { payerId?: string; usage: 'P' | 'T' }) =>
      api<{ files: BatchFile[]; claims: number }>('/billing/batches', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}

export interface RemitTransaction {
  remitId: string | null;
  controlNumber: string;
  duplicate: boolean;
  traceNumber: string;
  payerName: string;
  paymentDate: string | null;
  method: string;
  payment: number;
  claimPayments: number;
  providerAdjustments: number;
  claims: number;
  posted: number;
  denied: number;
  paid: number;
  adjusted: number;
  patientResponsibility: number;
  unmatched: { patientControlNumber: string; reason: string; lines: number }[];
  /** COB: patient responsibility moved to new secondary claims, to patients' balances, or forwarded. */
  secondaryClaims: number;
  toPatient: number;
  forwarded: number;
}

export interface RemitRow {
  id: string;
  fileName: string;
  controlNumber: string;
  traceNumber: string;
  payerName: string;
  method: string;
  payment: number;
  paymentDate: string | null;
  providerAdjustment: number;
  claims: number;
  matched: number;
  importedAt: string;
}

export interface WorklistItem {
  id: string;
  remitId: string;
  claimId: string | null;
  patientControlNumber: string;
  reason: string;
  statusCode: string;
  charge: number;
  paid: number;
  payerName: string;
  traceNumber: string;
  importedAt: string;
  unmatchedLines: {
    seq: number;
    billedCode: string;
    billedModifiers: string[];
    paidCode: string;
    charge: number;
    paid: number;
    serviceDate: string | null;
  }[];
}

export const useRemits = () =>
  useQuery({
    queryKey: ['billing', 'remits'],
    queryFn: () => api<{ items: RemitRow[] }>('/billing/remits'),
  });

export const useWorklist = () =>
  useQuery({
    queryKey: ['billing', 'worklist'],
    queryFn: () => api<{ items: WorklistItem[] }>('/billing/remits/worklist'),
  });

export function useImportRemit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { fileName: string; content: string }) =>
      api<{ transactions: RemitTransaction[] }>('/billing/remits', { method: 'POST', json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['billing'] }),
  });
}
