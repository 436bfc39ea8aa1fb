import type { WorkQueue } from '../kernel/work-queue.ts';
import { HIPAA_CLOCKS } from './deadlines.ts';
import { requestWork } from './work.queries.ts';

/** Release of information's queue on the "My work" page (issue 20). */
export const disclosureWorkQueues: WorkQueue[] = [
  {
    key: 'roi-requests',
    label: 'Release-of-information requests',
    duty: 'roi',
    permission: 'disclosure:read',
    path: '/roi',
    itemPath: (id) => `/roi/requests/${id}`,
    deadline: { days: HIPAA_CLOCKS.access.days, rule: HIPAA_CLOCKS.access.rule },
    count: (db, _userId, today) => requestWork(db, today),
  },
];
