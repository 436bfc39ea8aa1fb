import { AppError } from '../../kernel/errors.ts';
import type { Finding } from '../edits/index.ts';

const DONE: Record<string, string> = {
  save: 'saved',
  hold: 'put on hold',
  release: 'released from hold',
  finalize: 'finalized',
  reopen: 'reopened',
};

/** Coded errors of encounter coding. Messages name no patient and no code (DESIGN invariant 5). */
export const WorkbenchErrors = {
  notReady: (status: string) =>
    new AppError(
      'ENCOUNTER_NOT_READY_TO_CODE',
      `This encounter is ${status}; it can be coded once the visit is completed.`,
      409,
      { encounterStatus: status },
    ),
  enteredInError: () =>
    new AppError(
      'ENCOUNTER_ENTERED_IN_ERROR',
      'This encounter was marked entered-in-error in the chart and is not coded.',
      409,
    ),
  notAllowed: (status: string, action: string) =>
    new AppError(
      'CODING_ACTION_NOT_ALLOWED',
      status === 'final'
        ? 'This encounter is final. Reopen it with a reason to change its codes.'
        : `An encounter that is ${status.replace('_', ' ')} cannot be ${DONE[action] ?? action}; reload it to see what can be done.`,
      409,
      { status, action },
    ),
  versionConflict: (current: number, changedBy: string | null, changedAt: string | null) =>
    new AppError(
      'VERSION_CONFLICT',
      'Someone else changed this coding after you opened it. Reload to see their change, then apply yours again.',
      409,
      { currentVersion: current, changedBy, changedAt },
    ),
  editsBlockFinal: (findings: Finding[], currentVersion: number) =>
    new AppError(
      'CODING_EDITS_BLOCK_FINAL',
      `${findings.filter((f) => f.severity === 'error').length} coding edit error(s) must be fixed before the encounter is final; each finding says what to do.`,
      409,
      { findings, currentVersion },
    ),
  openQueries: (count: number) =>
    new AppError(
      'OPEN_CLINICIAN_QUERIES',
      `${count} clinician query(ies) on this encounter are still open; finalize once they are answered.`,
      409,
      { openQueries: count },
    ),
} as const;
