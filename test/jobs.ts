import type { JobView } from '../src/kernel/jobs.ts';
import type { TestApp } from './app.ts';

/**
 * Waits for the newest job of a kind (the one a request just queued) to finish, through the queue's
 * own completion signal: no sleeps, no polling.
 */
export async function waitForLatestJob(t: TestApp, kind: string, timeoutMs = 30_000): Promise<JobView> {
  const { items } = await t.deps.jobs.list(t.deps.db, { kinds: [kind], page: 1, pageSize: 1 });
  const job = items[0];
  if (!job) throw new Error(`No ${kind} job was queued`);
  return t.deps.jobs.waitFor(job.id, timeoutMs);
}
