import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface SystemInfo {
  product: string;
  version: string;
  node: string;
  database: { mode: 'embedded' | 'external'; serverVersion: string; name: string };
  migrations: { applied: number; pending: string[]; latest: string | null };
  serverTime: string;
}

export const useSystemInfo = () =>
  useQuery({ queryKey: ['system'], queryFn: () => api<SystemInfo>('/system') });
