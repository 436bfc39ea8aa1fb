import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

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
] as const;

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
] as const;

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
] as const;

export const STATUSES = [
  'received',
  'verification',
  'authorization-check',
  'retrieval',
  'quality-review',
  'released',
  'denied',
  'cancelled',
] as const;

export interface QueueItem {
  id: string;
  requestNo: string;
  patientId: string;
  patient: { mrn: string; name: string } | null;
  requesterType: string;
  requesterName: string;
  purpose: string;
  receivedOn: string;
  dueOn: string;
  daysLeft: number;
  status: string;
}
export interface Queue {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
}
export interface QueueFilter {
  status?: string;
  requesterType?: string;
  page: number;
}

export interface Scope {
  recordTypes: string[];
  dateFrom: string | null;
  dateTo: string | null;
  encounterIds: string[];
}
export interface RequestView {
  id: string;
  requestNo: string;
  patientId: string;
  requesterType: string;
  requesterName: string;
  requesterAddress: string;
  purpose: string;
  purposeText: string | null;
  scope: Scope;
  deliveryMethod: string;
  receivedOn: string;
  dueOn: string;
  extensionGrantedOn: string | null;
  status: string;
  overrideReason: string | null;
  version: number;
  identityVerification: { method: string; verifiedBy: string; verifiedAt: string } | null;
  history: { status: string; note: string | null; at: string; actor: string | null }[];
}
export interface NewRequest {
  patientId: string;
  requesterType: string;
  requesterName: string;
  requesterAddress: string;
  purpose: string;
  purposeText: string | null;
  scope: Scope;
  deliveryMethod: string;
  receivedOn: string;
}
export interface CheckElement {
  element: string;
  rule: string;
  ok: boolean;
  message: string;
}
export interface CheckResult {
  authorizationRequired: boolean;
  basis: string;
  minimumNecessary: boolean;
  authorizationId: string | null;
  passed: boolean;
  overridden: boolean;
  elements: CheckElement[];
}
export interface AuthorizationForm {
  description: string;
  coversAllRecords: boolean;
  recordTypes: string[];
  dateFrom: string | null;
  dateTo: string | null;
  sensitiveCategories: string[];
  discloser: string;
  recipient: string;
  purpose: string;
  expiresOn: string | null;
  signed: boolean;
  signedOn: string | null;
  signedBy: 'patient' | 'representative';
  representativeAuthority: string | null;
  representativeAuthorityDocumented: boolean;
  statesRightToRevoke: boolean;
  statesConditioning: boolean;
  statesRedisclosure: boolean;
  psychotherapyOnly: boolean;
  /** The scanned signed form: one of the patient's consent documents. */
  scannedDocumentId: string | null;
}
export interface PacketItem {
  type: string;
  id: string;
  title: string;
  date: string;
  recordType: string;
  labels: string[];
}
export interface Packet {
  id: string;
  buildNo: number;
  builtAt: string;
  builtBy: string;
  pageCount: number;
  mailTo: string;
  redactions: string[];
  manifest: (PacketItem & { firstPage: number })[];
  withheld: (PacketItem & { reason: string; rule: string })[];
  fees: { lines: { item: string; amount: number }[]; total: number };
  qa: { status: string; by: string | null; at: string | null; note: string | null };
  deliveries: {
    id: string;
    method: string;
    createdAt: string;
    expiresAt: string | null;
    maxDownloads: number | null;
    downloads: number;
    oneTimeCode: boolean;
    mailedTo: string | null;
    mailedOn: string | null;
  }[];
}
export interface Delivery {
  id: string;
  method: string;
  token: string | null;
  code: string | null;
  url: string | null;
  expiresAt: string | null;
  maxDownloads: number | null;
  mailedTo: string | null;
}

const q = (f: Record<string, unknown>) =>
  new URLSearchParams(
    Object.entries(f)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

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
    queryFn: () => api<{ packet: Packet | null }>(`/disclosure/requests/${id}/packet`),
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

export interface AccountingView {
  from: string;
  to: string;
  disclosures: {
    date: string;
    recipient: string;
    recipientAddress: string | null;
    description: string;
    purpose: string;
    accountable: boolean;
    exemptCategory: string | null;
  }[];
}
export interface AccountingRequest {
  id: string;
  receivedOn: string;
  dueOn: string;
  periodFrom: string;
  free: boolean;
  fee: number;
  fulfilledOn: string | null;
  daysLeft: number;
}
export interface AccessReport {
  items: {
    id: string;
    at: string;
    user: string;
    roles: string[];
    action: string;
    outcome: string;
    breakGlass: boolean;
    channel: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
}
export interface Preference {
  id: string;
  kind: string;
  description: string;
  requesterTypes: string[];
  alternateAddress: string | null;
  alternatePhone: string | null;
  recordedAt: string;
}

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
    queryFn: () => api<{ items: Preference[] }>(`/patients/${patientId}/disclosure-preferences`),
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
      api<{ items: Preference[] }>(`/patients/${patientId}/disclosure-preferences`, {
        method: 'POST',
        json: body,
      }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['roi'] }),
  });
};

export const label = (list: readonly (readonly [string, string])[], v: string) =>
  list.find(([k]) => k === v)?.[1] ?? v;
