import type { WorkQueue } from '../kernel/work-queue.ts';
import { BREACH_NOTICE_DAYS, openAlertWork } from './work.queries.ts';

/** Privacy monitoring's queue on the "My work" page (issue 20). */
export const privacyWorkQueues: WorkQueue[] = [
  {
    key: 'privacy-alerts',
    label: 'Privacy alerts to review',
    duty: 'privacy',
    permission: 'privacy:monitor',
    path: '/privacy/alerts',
    itemPath: (id) => `/privacy/alerts/${id}`,
    deadline: { days: BREACH_NOTICE_DAYS, rule: 'breach notice, 45 CFR 164.404(b)' },
    count: (db, _userId, today) => openAlertWork(db, today),
  },
];
