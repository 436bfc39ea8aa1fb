import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface WorkQueue {
  key: string;
  label: string;
  duty: string;
  path: string;
  count: number;
  capped: boolean;
  oldestAt: string | null;
  oldestAgeDays: number | null;
  dueToday: number;
  breached: number;
  deadline: { days: number | null; rule: string } | null;
  nextItemPath: string | null;
}

export interface MyWork {
  today: string;
  queues: WorkQueue[];
}

export const useMyWork = () => useQuery({ queryKey: ['my-work'], queryFn: () => api<MyWork>('/my-work') });
