import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type AckOutcome = 'AA' | 'AE' | 'AR';

export interface Hl7MessageSummary {
  id: string;
  receivedAt: string;
  source: string;
  sendingApplication: string | null;
  sendingFacility: string | null;
  controlId: string | null;
  messageType: string | null;
  outcome: AckOutcome;
  error: string | null;
  patientId: string | null;
  duplicates: number;
  attempts: number;
}

export interface Hl7MessagePage {
  items: Hl7MessageSummary[];
  total: number;
  page: number;
  pageSize: number;
  last24h: Record<AckOutcome, number>;
  listener: { enabled: boolean; port: number | null };
}

export interface Hl7MessageDetail extends Hl7MessageSummary {
  raw: string;
  ack: string;
  history: { attemptedAt: string; attemptedBy: string; outcome: AckOutcome; error: string | null }[];
}

export const PAGE_SIZE = 25;

export const useHl7Messages = (outcome: AckOutcome | 'all', page: number) =>
  useQuery({
    queryKey: ['hl7v2', 'messages', outcome, page],
    queryFn: () =>
      api<Hl7MessagePage>(
        `/hl7v2/messages?page=${page}&pageSize=${PAGE_SIZE}${outcome === 'all' ? '' : `&outcome=${outcome}`}`,
      ),
    // No polling: every listing is an audited read, so it refreshes when the clerk asks.
  });

export const useHl7Message = (id: string) =>
  useQuery({
    queryKey: ['hl7v2', 'message', id],
    queryFn: () => api<Hl7MessageDetail>(`/hl7v2/messages/${id}`),
  });

export function useReplay(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ outcome: AckOutcome; ack: string; error: string | null }>(`/hl7v2/messages/${id}/replay`, {
        method: 'POST',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hl7v2'] }),
  });
}

export function useSubmitHl7() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<{ messageId: string; outcome: AckOutcome; ack: string; duplicate: boolean }>('/hl7v2/messages', {
        method: 'POST',
        json: { text },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hl7v2'] }),
  });
}

/** Colour of each acknowledgement code (AA accepted, AE error, AR rejected). */
export const OUTCOME_COLOR: Record<AckOutcome, string> = { AA: 'teal', AE: 'orange', AR: 'red' };
export const OUTCOME_LABEL: Record<AckOutcome, string> = { AA: 'Accepted', AE: 'Error', AR: 'Rejected' };
