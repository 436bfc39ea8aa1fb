import type {
  messageDetail,
  messagePage,
  messageSummary,
  receipt,
  replayResult,
} from '@server/interop/hl7v2/hl7v2.schemas.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// The HL7 v2 monitor's shapes, from the server's schemas (docs/adr/0005, type-only imports).
export type Hl7MessageSummary = z.output<typeof messageSummary>;
/** MSA-1 acknowledgement code: AA accepted, AE error, AR rejected. */
export type AckOutcome = Hl7MessageSummary['outcome'];
export type Hl7MessagePage = z.output<typeof messagePage>;
export type Hl7MessageDetail = z.output<typeof messageDetail>;

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
      api<z.output<typeof replayResult>>(`/hl7v2/messages/${id}/replay`, {
        method: 'POST',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hl7v2'] }),
  });
}

export function useSubmitHl7() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<z.output<typeof receipt>>('/hl7v2/messages', {
        method: 'POST',
        json: { text },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hl7v2'] }),
  });
}

export const OUTCOME_LABEL: Record<AckOutcome, string> = { AA: 'Accepted', AE: 'Error', AR: 'Rejected' };
