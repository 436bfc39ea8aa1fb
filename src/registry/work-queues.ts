import type { WorkQueue } from '../kernel/work-queue.ts';
import { ABSTRACT_WITHIN_MONTHS, abstractingWork, suspenseWork } from './work.queries.ts';

const rule = `${ABSTRACT_WITHIN_MONTHS} months from first contact (CoC, NAACCR #580)`;

/** The cancer registry's queues on the "My work" page (issue 20). */
export const registryWorkQueues: WorkQueue[] = [
  {
    key: 'registry-suspense',
    label: 'Case-finding hits to review',
    duty: 'registry',
    permission: 'registry:write',
    path: '/registry/suspense',
    itemPath: () => '/registry/suspense',
    deadline: { days: null, rule },
    count: (db, _userId, today) => suspenseWork(db, today),
  },
  {
    key: 'registry-abstracting',
    label: 'Cases to abstract',
    duty: 'registry',
    permission: 'registry:write',
    path: '/registry/tumours',
    itemPath: (id) => `/registry/tumours/${id}`,
    deadline: { days: null, rule },
    count: (db, _userId, today) => abstractingWork(db, today),
  },
];
