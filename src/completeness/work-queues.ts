import type { WorkQueue } from '../kernel/work-queue.ts';
import { amendmentWork, deficiencyWork, queryWork } from './work.queries.ts';

/** Chart completion's queues on the "My work" page (issue 20). */
export const completenessWorkQueues: WorkQueue[] = [
  {
    key: 'my-deficiencies',
    label: 'My deficiencies',
    duty: 'completion',
    permission: 'chart:sign',
    path: '/completion/inbox',
    itemPath: (id) => `/completion/deficiencies/${id}`,
    deadline: { days: null, rule: 'delinquency per facility policy (Joint Commission RC.01.04.01)' },
    count: (db, userId, today) => deficiencyWork(db, today, { responsibleId: userId, signing: false }),
  },
  {
    key: 'notes-to-sign',
    label: 'Notes to sign',
    duty: 'completion',
    permission: 'chart:sign',
    path: '/completion/inbox',
    itemPath: (id) => `/completion/deficiencies/${id}`,
    deadline: { days: null, rule: 'signature deadline per facility policy' },
    count: (db, userId, today) => deficiencyWork(db, today, { responsibleId: userId, signing: true }),
  },
  {
    key: 'my-queries',
    label: 'Clinician queries to answer',
    duty: 'completion',
    permission: 'chart:sign',
    path: '/completion/inbox',
    itemPath: () => '/completion/inbox',
    deadline: { days: null, rule: 'the due date the query states' },
    count: (db, userId, today) => queryWork(db, today, userId),
  },
  {
    key: 'deficiency-queue',
    label: 'Deficiency queue',
    duty: 'completion',
    permission: 'completion:manage',
    path: '/completion/queue',
    itemPath: (id) => `/completion/deficiencies/${id}`,
    deadline: { days: null, rule: 'delinquency per facility policy (Joint Commission RC.01.04.01)' },
    count: (db, _userId, today) => deficiencyWork(db, today, {}),
  },
  {
    key: 'amendments',
    label: 'Amendment requests',
    duty: 'completion',
    permission: 'completion:manage',
    path: '/completion/amendments',
    itemPath: () => '/completion/amendments',
    deadline: { days: 60, rule: '45 CFR 164.526(b)(2)' },
    count: (db, _userId, today) => amendmentWork(db, today),
  },
];
