import type {
  accountingSchema,
  authorizationFormSchema,
  CheckResult,
  newRequestSchema,
  queueQuerySchema,
  queueSchema,
  RequestView,
  scopeSchema,
} from '@server/disclosure/disclosure.schemas.ts';
import type {
  accessReportSchema,
  accountingRequestSchema,
  deliverySchema,
  packetSchema,
  preferenceListSchema,
} from '@server/disclosure/fulfilment.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// The pick lists name every value the server accepts, with its label (`satisfies` keeps them in step).
export const REQUESTER_TYPES = [
  ['patient', 'Patient or personal representative'],
  ['treating-provider', 'Treating provider'],
  ['payer', 'Insurer or payer'],
  ['attorney', 'Attorney'],
  ['court-order', 'Court order'],
  ['subpoena', 'Subpoena'],
  ['law-enforcement', 'Law enforcement'],
  ['government-agency', 'Government agency'],
  ['employer', 'Employer'],
  ['researcher', 'Researcher'],
] as const satisfies readonly (readonly [NewRequest['requesterType'], string])[];

export const PURPOSES = [
  ['right-of-access', 'Right of access (patient)'],
  ['treatment', 'Treatment'],
  ['payment', 'Payment'],
  ['operations', 'Health care operations'],
  ['legal', 'Legal'],
  ['judicial-order', 'Court or tribunal order'],
  ['law-enforcement', 'Law enforcement'],
  ['public-health', 'Public health'],
  ['health-oversight', 'Health oversight'],
  ['required-by-law', 'Required by law'],
  ['workers-compensation', "Workers' compensation"],
  ['research', 'Research'],
  ['insurance-underwriting', 'Insurance underwriting'],
  ['employment', 'Employment'],
  ['other', 'Other'],
] as const satisfies readonly (readonly [NewRequest['purpose'], string])[];

export const RECORD_TYPES = [
  ['encounters', 'Encounters'],
  ['discharge-summary', 'Discharge summaries'],
  ['history-and-physical', 'History and physical'],
  ['progress-notes', 'Progress notes'],
  ['consultations', 'Consultations'],
  ['operative-reports', 'Operative and procedure reports'],
  ['lab-result', 'Laboratory results'],
  ['imaging', 'Imaging reports'],
  ['medications', 'Medications'],
  ['allergies', 'Allergies'],
  ['history', 'Problems and history'],
  ['diagnoses-procedures', 'Diagnoses and procedures'],
  ['outside-records', 'Outside records'],
  ['consents', 'Consents'],
] as const;

export const SENSITIVE_CATEGORIES = [
  ['psychotherapy', 'Psychotherapy notes'],
  ['substance_use_part2', 'Substance use disorder (42 CFR Part 2)'],
  ['behavioral_health', 'Behavioural health'],
  ['hiv_sti', 'HIV / STI'],
  ['reproductive', 'Reproductive health'],
  ['genetic', 'Genetic testing'],
] as const satisfies readonly (readonly [
  NonNullable<AuthorizationForm['sensitiveCategories']>[number],
  string,
])[];

export const STATUSES = [
  'received',
  'verification',
  'authorization-check',
  'retrieval',
  'quality-review',
  'released',
  'denied',
  'cancelled',
] as const satisfies readonly NonNullable<QueueFilter['status']>[];

const q = (f: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

// Shapes as the disclosure API sends them, from its schemas (docs/adr/0005, type-only imports).
export type Queue = z.output<typeof queueSchema>;
export type QueueItem = Queue['items'][number];
/** The queue's filter form: the server's filter fields and the page. */
export type QueueFilter = Pick<z.input<typeof queueQuerySchema>, 'status' | 'requesterType'> & {
  page: number;
};
export type Scope = z.output<typeof scopeSchema>;
export type { CheckResult, RequestView };
export type NewRequest = z.input<typeof newRequestSchema>;
export type CheckElement = CheckResult['elements'][number];
export type AuthorizationForm = z.input<typeof authorizationFormSchema>;
export type Packet = NonNullable<z.output<typeof packetSchema>['packet']>;
export type Delivery = z.output<typeof deliverySchema>;
export type AccountingView = z.output<typeof accountingSchema>;
export type AccountingRequest = z.output<typeof accountingRequestSchema>;
export type AccessReport = z.output<typeof accessReportSchema>;
export type Preference = z.output<typeof preferenceListSchema>['items'][number];

export const useQueue = (f: QueueFilter) =>
  useQuery({
    queryKey: ['roi', 'queue', f],
    queryFn: () => api<Queue>(`/disclosure/requests?${q({ ...f, pageSize: 20 })}`),
    placeholderData: keepPreviousData,
  });

export const useRequest = (id: string) =>
  useQuery({
    queryKey: ['roi', 'request', id],
    queryFn: () => api<RequestView>(`/disclosure/requests/${id}`),
  });

export const usePacket = (id: string) =>
  useQuery({
    queryKey: ['roi', 'packet', id],
    queryFn: () => api<z.output<typeof packetSchema>>(`/disclosure/requests/${id}/packet`),
  });

/** Mutations on one request refresh the request, its packet and the queue. */
function useRequestMutation<B, R>(id: string, path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api<R>(`/disclosure/requests/${id}${path}`, { method: 'POST', json: body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['roi'] }),
  });
}

export const useCreateRequest = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRequest) =>
      api<RequestView>('/disclosure/requests', { method: 'POST', json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['roi'] }),
  });
};
export const useVerifyIdentity = (id: string) =>
  useRequestMutation<{ method: string; version: number }, RequestView>(id, '/verify-identity');
export const useCaptureAuthorization = (id: string) =>
  useRequestMutation<AuthorizationForm, CheckResult>(id, '/authorization');
export const useRunCheck = (id: string) =>
  useRequestMutation<Record<string, never>, CheckResult>(id, '/check');
export const useOverride = (id: string) =>
  useRequestMutation<{ reason: string }, CheckResult>(id, '/override');
export const useBuildPacket = (id: string) =>
  useRequestMutation<{ redactions: string[] }, { packet: Packet }>(id, '/packet');
export const useReviewPacket = (id: string) =>
  useRequestMutation<{ decision: 'approve' | 'reject'; note: string | null }, { packet: Packet }>(
    id,
    '/packet/review',
  );
export const useRelease = (id: string) =>
  useRequestMutation<{ version: number }, RequestView>(id, '/release');
export const useDeny = (id: string) =>
  useRequestMutation<{ reason: string; version: number }, RequestView>(id, '/deny');
export const useDeliver = (id: string) =>
  useRequestMutation<
    { method: 'secure-link' | 'mail'; oneTimeCode: boolean; expiresInDays?: number; maxDownloads?: number },
    Delivery
  >(id, '/delivery');

export const useAccounting = (patientId: string, includeExempt: boolean) =>
  useQuery({
    queryKey: ['roi', 'accounting', patientId, includeExempt],
    queryFn: () => api<AccountingView>(`/patients/${patientId}/disclosures?includeExempt=${includeExempt}`),
  });
export const useAccountingRequests = (patientId: string) =>
  useQuery({
    queryKey: ['roi', 'accounting-requests', patientId],
    queryFn: () => api<{ items: AccountingRequest[] }>(`/patients/${patientId}/accounting-requests`),
  });
export const useAccessReport = (patientId: string, page: number) =>
  useQuery({
    queryKey: ['roi', 'access-report', patientId, page],
    queryFn: () => api<AccessReport>(`/patients/${patientId}/access-report?page=${page}&pageSize=25`),
    placeholderData: keepPreviousData,
  });
export const usePreferences = (patientId: string) =>
  useQuery({
    queryKey: ['roi', 'preferences', patientId],
    queryFn: () =>
      api<z.output<typeof preferenceListSchema>>(`/patients/${patientId}/disclosure-preferences`),
  });
export const useTrackAccountingRequest = (patientId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { receivedOn: string }) =>
      api<AccountingRequest>(`/patients/${patientId}/accounting-requests`, { method: 'POST', json: body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['roi'] }),
  });
};
export const useRecordPreference = (patientId: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      kind: string;
      description: string;
      alternateAddress: string | null;
      requesterTypes: string[];
    }) =>
      api<z.output<typeof preferenceListSchema>>(`/patients/${patientId}/disclosure-preferences`, {
        method: 'POST',
        json: body,
      }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['roi'] }),
  });
};

export const label = (list: readonly (readonly [string, string])[], v: string) =>
  list.find(([k]) => k === v)?.[1] ?? v;
