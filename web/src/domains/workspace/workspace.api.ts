import type { myWorkSchema } from '@server/workspace/work.schemas.ts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client.ts';

// The home page's shapes, from the server's response schema (docs/adr/0005, type-only imports).
export type MyWork = z.output<typeof myWorkSchema>;
export type WorkQueue = MyWork['queues'][number];

export const useMyWork = () => useQuery({ queryKey: ['my-work'], queryFn: () => api<MyWork>('/my-work') });
