import type { Amendment, amendmentPageSchema } from '@server/completeness/amendment.schemas.ts';
import type { countsSchema } from '@server/completeness/deficiency.routes.ts';
import type {
  Deficiency,
  deficiencyDetailSchema,
  deficiencyPageSchema,
  queueQuery,
  stageSchema,
} from '@server/completeness/deficiency.schemas.ts';
import type { ClinicianQuery, queryPageSchema } from '@server/completeness/queries.schemas.ts';
import type { reportSchema } from '@server/completeness/report.routes.ts';
import type { NoteSignatures } from '@server/completeness/signature.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Shapes as the completion API sends them, from its response schemas (docs/adr/0005, type-only imports).
export type Stage = z.output<typeof stageSchema>;
export type { Amendment, ClinicianQuery, Deficiency, NoteSignatures };
export type DeficiencyDetail = z.output<typeof deficiencyDetailSchema>;
export type Signature = NoteSignatures['signatures'][number];
export type DelinquencyReport = z.output<typeof reportSchema>;
export type ReportLine = DelinquencyReport['byClinician'][number];
/** The queue's filter form: the filter fields of the server's queue query. */
export type QueueFilter = Partial<
  Pick<z.output<typeof queueQuery>, 'ruleId' | 'service' | 'minDaysOverdue' | 'responsibleId'>
>;

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
      api<z.output<typeof deficiencyPageSchema>>(
        `/completion/${mine ? 'my-' : ''}deficiencies?${qs({ ...f, offset, limit })}`,
      ),
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
    queryFn: () => api<z.output<typeof countsSchema>>('/completion/inbox-counts'),
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
      api<z.output<typeof queryPageSchema>>(
        `/completion/${mine ? 'my-' : ''}queries?${qs({ status, limit: 100 })}`,
      ),
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
      api<z.output<typeof amendmentPageSchema>>(
        `/completion/${mine ? 'my-' : ''}amendments?${qs({ status, limit: 100 })}`,
      ),
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
