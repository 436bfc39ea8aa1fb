import type { DbOrTx } from '../kernel/db.ts';
import type { WorkCount, WorkQueue } from '../kernel/work-queue.ts';
import { HIPAA_CLOCKS, requestClock } from './deadlines.ts';
import type { RequesterType } from './requester.ts';
import { requestClockFacts, requestWork } from './work.queries.ts';

/**
 * Open requests, labelled with the clock of the most urgent one: requests run against different clocks
 * (the patient's own 30 days under 164.524, a payer's 15 by facility policy), so one fixed figure for
 * the queue would be wrong for most of them.
 */
async function roiWork(db: DbOrTx, today: string): Promise<WorkCount> {
  const c = await requestWork(db, today);
  if (!c.nextId) return c;
  const facts = await requestClockFacts(db, c.nextId);
  if (!facts) return c;
  const clock = requestClock(facts.requester_type as RequesterType);
  const days = clock.days + (facts.extension_granted_on ? clock.extensionDays : 0);
  const rule = facts.extension_granted_on ? `${clock.rule}, extended` : clock.rule;
  return { ...c, nextDeadline: { days, rule } };
}

/** Release of information's queue on the "My work" page (issue 20). */
export const disclosureWorkQueues: WorkQueue[] = [
  {
    key: 'roi-requests',
    label: 'Release-of-information requests',
    duty: 'roi',
    permission: 'disclosure:read',
    path: '/roi',
    itemPath: (id) => `/roi/requests/${id}`,
    deadline: { days: null, rule: `by requester (the patient's own: ${HIPAA_CLOCKS.access.rule})` },
    count: (db, _userId, today) => roiWork(db, today),
  },
];
