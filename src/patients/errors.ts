import { AppError, conflict } from '../kernel/errors.ts';

/** Patient-index error codes. Messages carry no patient data (DESIGN invariant 5). */
export const patientErrors = {
  notFound: () => new AppError('PATIENT_NOT_FOUND', 'No patient record has this id.', 404),
  versionConflict: (details: {
    currentVersion: number;
    changedFields: string[];
    changedBy: string | null;
    changedAt: string | null;
  }) =>
    conflict(
      'VERSION_CONFLICT',
      'Someone else changed this record while you were editing. Reload it, check their changes, and apply yours again.',
      details,
    ),
  retired: () =>
    conflict(
      'PATIENT_RETIRED',
      'This record was merged into another one; open the surviving record instead.',
    ),
  mergeIntoSelf: () =>
    new AppError(
      'MERGE_SAME_RECORD',
      'A record cannot be merged into itself; choose two different records.',
      400,
    ),
  mergeRetired: () =>
    conflict(
      'MERGE_RETIRED_RECORD',
      'One of these records has already been merged; merge into the surviving record.',
    ),
  notMerged: () => conflict('NOT_MERGED', 'This merge has already been undone.'),
  unmergeBlocked: () =>
    conflict('UNMERGE_BLOCKED', 'The surviving record was later merged again; undo that merge first.'),
  duplicateNotFound: () => new AppError('DUPLICATE_NOT_FOUND', 'No review-queue entry has this id.', 404),
  pairNotDeferrable: () =>
    conflict('PAIR_NOT_DEFERRABLE', 'Only a pair waiting in the queue can be deferred; reload the queue.'),
  pairNotDeferred: () => conflict('PAIR_NOT_DEFERRED', 'This pair is not deferred; reload the queue.'),
  mergeNotFound: () => new AppError('MERGE_NOT_FOUND', 'No merge has this id.', 404),
  sweepRunning: () =>
    conflict('SWEEP_RUNNING', 'A duplicate sweep is already running; wait for it to finish.'),
  tooFewToTrain: (found: number, needed: number) =>
    conflict(
      'MATCHER_TOO_FEW_RECORDS',
      `The index has ${found} active records; training the matcher needs at least ${needed}.`,
    ),
  matcherVersionNotFound: () =>
    new AppError('MATCHER_VERSION_NOT_FOUND', 'No matcher weights have this version number.', 404),
  matcherMissesAims: (missed: string[]) =>
    conflict(
      'MATCHER_MISSES_AIMS',
      'This version missed the matching aims on the labelled set; to use it anyway, tick "accept missed aims" and give a reason.',
      { missed },
    ),
  matcherAlreadyActive: () => conflict('MATCHER_ALREADY_ACTIVE', 'This version is already the active one.'),
  matcherNothingToRollBack: () =>
    conflict(
      'MATCHER_NOTHING_TO_ROLL_BACK',
      'The starting weights are in use already; there is no earlier version to go back to.',
    ),
};
