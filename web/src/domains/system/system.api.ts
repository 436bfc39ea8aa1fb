import type { SystemInfo } from '@server/system/system.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export type { SystemInfo };

export const useSystemInfo = () =>
  useQuery({ queryKey: ['system'], queryFn: () => api<SystemInfo>('/system') });
