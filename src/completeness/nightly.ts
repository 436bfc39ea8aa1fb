import { randomUUID } from 'node:crypto';
import type { AppDeps, RequestContext } from '../kernel/context.ts';
import { analyseAll } from './analysis.service.ts';
import { claimNightlyRun, finishNightlyRun } from './nightly.queries.ts';

const DAY_MS = 86_400_000;

/**
 * The next time the nightly analysis is due after `now`: today at `at` (UTC) if still ahead, else
 * tomorrow. Pure, for the scheduler and its test.
 * @example nextRunAt(new Date('2026-03-02T14:00:00Z'), '02:00') // 2026-03-03T02:00:00Z
 */
export function nextRunAt(now: Date, at: string): Date {
  const [h, m] = at.split(':').map(Number) as [number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m);
  return new Date(today > now.getTime() ? today : today + DAY_MS);
}

const jobContext = (deps: AppDeps): RequestContext => ({
  ...deps,
  requestId: randomUUID(),
  channel: 'job',
  operator: 'job:nightly-completion',
});

/**
 * Runs the nightly analysis for `runDate` unless it was already claimed (by this or another server):
 * issue 5 asks for analysis on completion, on every change, and nightly, so that deficiencies that become
 * due only by the passing of time (e.g. the discharge summary N days after discharge) still open.
 * @returns whether this call ran it
 */
export async function runNightlyIfDue(deps: AppDeps, runDate: string): Promise<boolean> {
  if (!(await claimNightlyRun(deps.db, runDate, deps.clock.now()))) return false;
  try {
    const counts = await analyseAll(jobContext(deps));
    await finishNightlyRun(deps.db, runDate, deps.clock.now(), { counts });
  } catch (e) {
    // Recorded for the administrator; the message names no patient (rule and SQL errors only).
    await finishNightlyRun(deps.db, runDate, deps.clock.now(), { error: (e as Error).message.slice(0, 500) });
    deps.log.error({ runDate, err: (e as Error).message }, 'nightly deficiency analysis failed');
  }
  return true;
}

/** Schedules the nightly run while the server listens; `stop()` clears the timer on close. */
export function scheduleNightly(deps: AppDeps): { stop(): void } {
  const at = deps.config.COMPLETION_NIGHTLY_AT;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const due = nextRunAt(deps.clock.now(), at);
    timer = setTimeout(() => {
      void runNightlyIfDue(deps, due.toISOString().slice(0, 10)).finally(arm);
    }, due.getTime() - deps.clock.now().getTime());
    timer.unref();
  };
  if (at !== 'off') arm();
  return { stop: () => clearTimeout(timer) };
}
