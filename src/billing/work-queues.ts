import type { WorkQueue } from '../kernel/work-queue.ts';
import { APPEAL_LIMIT_DAYS, denialWork, priorAuthWork } from './work.queries.ts';

/** Billing's queues on the "My work" page (issue 20). */
export const billingWorkQueues: WorkQueue[] = [
  {
    key: 'denials',
    label: 'Denials to work',
    duty: 'billing',
    permission: 'billing:read',
    path: '/billing/denials',
    itemPath: (claimId) => `/billing/claims/${claimId}`,
    deadline: { days: APPEAL_LIMIT_DAYS, rule: 'appeal limit (Medicare, 42 CFR 405.942)' },
    count: (db, _userId, today) => denialWork(db, today),
  },
  {
    key: 'prior-auths',
    label: 'Prior authorizations pending',
    duty: 'billing',
    permission: 'billing:read',
    path: '/billing/prior-auths',
    itemPath: () => '/billing/prior-auths',
    deadline: { days: null, rule: 'before the first day of service' },
    count: (db, _userId, today) => priorAuthWork(db, today),
  },
];
