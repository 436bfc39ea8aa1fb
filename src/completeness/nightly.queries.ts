import type { DbOrTx } from '../kernel/db.ts';

/**
 * Claims the run of one date; false when another process (or an earlier start) already claimed it and
 * did not fail. A failed night may be claimed again (a retry of the job), and so may a night left
 * unfinished by an attempt of the same job: pg-boss retries a job whose process died under its own id,
 * so `jobId` tells that retry from a second job for the same night.
 */
export async function claimNightlyRun(
  db: DbOrTx,
  runDate: string,
  at: Date,
  jobId: string | null = null,
): Promise<boolean> {
  const r = await db
    .insertInto('completeness_nightly_run')
    .values({
      run_date: runDate,
      started_at: at,
      finished_at: null,
      counts: null,
      error: null,
      job_id: jobId,
    })
    .onConflict((oc) =>
      oc
        .column('run_date')
        .doUpdateSet({ started_at: at, finished_at: null, counts: null, error: null, job_id: jobId })
        .where((eb) =>
          eb.or([
            eb('completeness_nightly_run.error', 'is not', null),
            ...(jobId
              ? [
                  eb.and([
                    eb('completeness_nightly_run.job_id', '=', jobId),
                    eb('completeness_nightly_run.finished_at', 'is', null),
                  ]),
                ]
              : []),
          ]),
        ),
    )
    .returning('run_date')
    .executeTakeFirst();
  return r !== undefined;
}

export async function finishNightlyRun(
  db: DbOrTx,
  runDate: string,
  at: Date,
  result: { counts: unknown } | { error: string },
): Promise<void> {
  await db
    .updateTable('completeness_nightly_run')
    .set({
      finished_at: at,
      counts: 'counts' in result ? JSON.stringify(result.counts) : null,
      error: 'error' in result ? result.error : null,
    })
    .where('run_date', '=', runDate)
    .execute();
}

export async function lastNightlyRuns(db: DbOrTx, limit = 7) {
  return db
    .selectFrom('completeness_nightly_run')
    .selectAll()
    .orderBy('run_date', 'desc')
    .limit(limit)
    .execute();
}
