import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Shapes as the completion API sends them (src/completeness/*.schemas.ts). */
export type Stage = 'not-due' | 'delinquent' | 'reminded' | 'escalated';
export interface Deficiency {
  id: string;
  patientId: string;
  patientName: string;
  mrn: string;
  encounterId: string;
  service: string | null;
  ruleId: string;
  itemKey: string;
  description: string;
  responsibleUserId: string | null;
  responsibleName: string | null;
  manual: boolean;
  status: 'open' | 'closed' | 'waived';
  openedAt: string;
  dueAt: string;
  daysOverdue: number;
  stage: Stage;
  closedAt: string | null;
  closeReason: string | null;
}
export interface DeficiencyDetail extends Deficiency {
  events: {
    action: string;
    reason: string | null;
    actorName: string | null;
    at: string;
    toUserId: string | null;
  }[];
}
export interface Page<T> {
  items: T[];
  total: number;
  totalCapped?: boolean;
}
export interface ClinicianQuery {
  id: string;
  patientId: string;
  encounterId: string | null;
  entryId: string | null;
  question: string;
  options: string[];
  dueOn: string;
  addresseeUserId: string;
  addresseeName: string | null;
  status: 'open' | 'answered' | 'withdrawn';
  answerOption: string | null;
  answerText: string | null;
  answeredAt: string | null;
}
export interface Amendment {
  id: string;
  patientId: string;
  entryIds: string[];
  requestText: string;
  receivedOn: string;
  dueOn: string;
  extendedDueOn: string | null;
  effectiveDueOn: string;
  status: 'pending' | 'accepted' | 'denied';
  amendmentText: string | null;
  notifyParties: { name: string; contact: string }[];
  denialGround: string | null;
  denialBasis: string | null;
  statements: { id: string; kind: 'disagreement' | 'rebuttal'; text: string; recordedAt: string }[];
}
export interface Signature {
  role: 'author' | 'cosigner';
  signerName: string;
  signerCredentials: string | null;
  attestation: 'password' | 'mfa';
  signedAt: string;
}
export interface NoteSignatures {
  entryId: string;
  patientId: string;
  signed: boolean;
  cosignerUserId: string | null;
  cosigned: boolean;
  signatures: Signature[];
  addenda: { id: string; text: string; createdAt: string; signature: Signature | null }[];
}
export interface ReportLine {
  key: string;
  label: string;
  openDeficiencies: number;
  delinquentDeficiencies: number;
  averageDaysOpen: number;
  delinquentCharts: number;
  discharges: number;
  delinquencyRate: number;
}
export interface DelinquencyReport {
  from: string;
  to: string;
  generatedAt: string;
  totals: { discharges: number; delinquentCharts: number };
  byClinician: ReportLine[];
  byService: ReportLine[];
}
export interface QueueFilter {
  ruleId?: string;
  service?: string;
  minDaysOverdue?: number;
  responsibleId?: string;
}

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(o)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export function useDeficiencyQueue(f: QueueFilter, offset: number, limit: number, mine = false) {
  return useQuery({
    queryKey: ['deficiencies', mine, f, offset, limit],
    queryFn: () =>
      api<Page<Deficiency>>(`/completion/${mine ? 'my-' : ''}deficiencies?${qs({ ...f, offset, limit })}`),
  });
}
export const useDeficiency = (id: string) =>
  useQuery({
    queryKey: ['deficiency', id],
    queryFn: () => api<DeficiencyDetail>(`/completion/deficiencies/${id}`),
  });
export const useInboxCounts = () =>
  useQuery({
    queryKey: ['inbox-counts'],
    queryFn: () =>
      api<{
        deficiencies: number;
        overdue: number;
        queries: number;
        unsignedNotes: number;
        amendments: number;
      }>('/completion/inbox-counts'),
  });

function useInvalidating<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries() });
}
export const useWaive = () =>
  useInvalidating((v: { id: string; reason: string }) =>
    api<Deficiency>(`/completion/deficiencies/${v.id}/waive`, { method: 'POST', json: { reason: v.reason } }),
  );
export const useReassign = () =>
  useInvalidating((v: { ids: string[]; responsibleUserId: string; reason?: string }) =>
    api<{ reassigned: number }>('/completion/deficiencies/reassign', { method: 'POST', json: v }),
  );

export function useQueries(mine: boolean, status?: string) {
  return useQuery({
    queryKey: ['queries', mine, status],
    queryFn: () =>
      api<Page<ClinicianQuery>>(`/completion/${mine ? 'my-' : ''}queries?${qs({ status, limit: 100 })}`),
  });
}
export const useAskQuery = () =>
  useInvalidating((v: Record<string, unknown>) =>
    api<ClinicianQuery>('/completion/queries', { method: 'POST', json: v }),
  );
export const useAnswerQuery = () =>
  useInvalidating((v: { id: string; option?: string; text?: string }) =>
    api<ClinicianQuery>(`/completion/queries/${v.id}/answer`, {
      method: 'POST',
      json: { option: v.option, text: v.text },
    }),
  );

export function useAmendments(mine: boolean, status?: string) {
  return useQuery({
    queryKey: ['amendments', mine, status],
    queryFn: () =>
      api<Page<Amendment>>(`/completion/${mine ? 'my-' : ''}amendments?${qs({ status, limit: 100 })}`),
  });
}
export const useRequestAmendment = () =>
  useInvalidating(
    (v: {
      patientId: string;
      entryIds: string[];
      request: string;
      receivedOn: string;
      authorUserId: string;
    }) =>
      api<Amendment>(`/patients/${v.patientId}/amendments`, {
        method: 'POST',
        json: {
          entryIds: v.entryIds,
          request: v.request,
          receivedOn: v.receivedOn,
          authorUserId: v.authorUserId,
        },
      }),
  );
export const useDecideAmendment = () =>
  useInvalidating((v: { id: string; body: Record<string, unknown> }) =>
    api<Amendment>(`/completion/amendments/${v.id}/decision`, { method: 'POST', json: v.body }),
  );
export const useAmendmentStatement = () =>
  useInvalidating((v: { id: string; kind: 'disagreement' | 'rebuttal'; text: string }) =>
    api<Amendment>(`/completion/amendments/${v.id}/statements`, {
      method: 'POST',
      json: { kind: v.kind, text: v.text },
    }),
  );

export const useNoteSignatures = (id: string) =>
  useQuery({
    queryKey: ['signatures', id],
    queryFn: () => api<NoteSignatures>(`/completion/notes/${id}/signatures`),
  });
export const useSignNote = () =>
  useInvalidating((v: { id: string; password?: string; mfaCode?: string; cosignerUserId?: string }) =>
    api<NoteSignatures>(`/completion/notes/${v.id}/sign`, {
      method: 'POST',
      json: { password: v.password, mfaCode: v.mfaCode, cosignerUserId: v.cosignerUserId },
    }),
  );
export const useAddendum = () =>
  useInvalidating((v: { id: string; text: string; password?: string; mfaCode?: string }) =>
    api<NoteSignatures>(`/completion/notes/${v.id}/addenda`, {
      method: 'POST',
      json: { text: v.text, password: v.password, mfaCode: v.mfaCode },
    }),
  );

export const useDelinquencyReport = (from: string, to: string) =>
  useQuery({
    queryKey: ['delinquency', from, to],
    queryFn: () => api<DelinquencyReport>(`/completion/reports/delinquency?${qs({ from, to })}`),
    enabled: from !== '' && to !== '' && from <= to,
  });
export const reportCsvUrl = (from: string, to: string) =>
  `/api/completion/reports/delinquency.csv?${qs({ from, to })}`;

export const STAGE_COLOR: Record<Stage, string> = {
  'not-due': 'gray',
  delinquent: 'orange',
  reminded: 'red',
  escalated: 'grape',
};
/** The chart entry a deficiency is about, when it is one (e.g. `note:<id>` → the note to sign). */
export const noteOf = (d: Pick<Deficiency, 'itemKey'>): string | null => {
  const m = /^(?:note|cosign):(.+)$/.exec(d.itemKey);
  return m?.[1] ?? null;
};
export const useExtendAmendment = () =>
  useInvalidating((v: { id: string; reason: string }) =>
    api<Amendment>(`/completion/amendments/${v.id}/extension`, {
      method: 'POST',
      json: { reason: v.reason },
    }),
  );
export const useOpenManual = () =>
  useInvalidating(
    (v: { encounterId: string; description: string; responsibleUserId: string; dueAt: string }) =>
      api<Deficiency>('/completion/deficiencies', { method: 'POST', json: v }),
  );
