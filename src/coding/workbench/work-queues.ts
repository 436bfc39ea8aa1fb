import type { WorkQueue } from '../../kernel/work-queue.ts';
import { codingWork } from './work.queries.ts';

/** Coding's queue on the "My work" page (issue 20). */
export const codingWorkQueues: WorkQueue[] = [
  {
    key: 'coding-queue',
    label: 'Encounters to code',
    duty: 'coding',
    permission: 'coding:write',
    path: '/coding',
    itemPath: (id) => `/coding/encounters/${id}`,
    deadline: null,
    count: (db, _userId, today) => codingWork(db, today),
  },
];
