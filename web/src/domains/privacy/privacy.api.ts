import type {
  AlertDetail,
  alertList,
  reviewBody,
  thresholdsOut,
  userProfile,
} from '@server/privacy/privacy.schemas.ts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// Types come from the server's own response schemas (type-only imports: nothing of the server is bundled).
export type AlertList = z.infer<typeof alertList>;
export type AlertRow = AlertList['items'][number];
export type { AlertDetail };
export type AlertStatus = AlertRow['status'];
export type ReviewInput = z.infer<typeof reviewBody>;
export type UserProfile = z.infer<typeof userProfile>;
export type Thresholds = z.infer<typeof thresholdsOut>;

export interface AlertFilter {
  status?: string;
  rule?: string;
  userId?: string;
  page: number;
  pageSize: number;
}

export const STATUS_LABEL: Record<AlertStatus, string> = {
  new: 'New',
  under_review: 'Under review',
  closed_appropriate: 'Closed: appropriate',
  closed_violation: 'Closed: violation',
};

function query(f: AlertFilter): string {
  const p = new URLSearchParams({ page: String(f.page), pageSize: String(f.pageSize) });
  if (f.status) p.set('status', f.status);
  if (f.rule) p.set('rule', f.rule);
  if (f.userId) p.set('userId', f.userId);
  return p.toString();
}

export const useAlerts = (f: AlertFilter) =>
  useQuery({
    queryKey: ['privacy', 'alerts', f],
    queryFn: () => api<AlertList>(`/privacy/alerts?${query(f)}`),
    placeholderData: keepPreviousData,
  });

export const useAlert = (id: string) =>
  useQuery({ queryKey: ['privacy', 'alert', id], queryFn: () => api<AlertDetail>(`/privacy/alerts/${id}`) });

export function useReviewAlert(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewInput) =>
      api<AlertDetail>(`/privacy/alerts/${id}/review`, { method: 'POST', json: body }),
    onSuccess: (data) => {
      qc.setQueryData(['privacy', 'alert', id], data);
      void qc.invalidateQueries({ queryKey: ['privacy', 'alerts'] });
    },
  });
}

export function useRequestScan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (day?: string) =>
      api<{ jobId: string }>('/privacy/scans', { method: 'POST', json: day ? { day } : {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['privacy', 'alerts'] }),
  });
}

export const useUserProfile = (userId: string, days = 30) =>
  useQuery({
    queryKey: ['privacy', 'profile', userId, days],
    queryFn: () => api<UserProfile>(`/privacy/users/${userId}/profile?days=${days}`),
  });
