import type { DenialStatus } from '../remit/remit.tables.ts';

/**
 * The denial work flow (issue 13): open → in progress (someone works it) → appealed (a letter sent) or
 * resubmitted (a corrected claim, CLM05-3 = 7, or a void, 8) → resolved; or written off. An appeal the
 * payer upholds goes back to in progress for the next level. Resolved and written off are final.
 */
export const NEXT_STATUS: Record<DenialStatus, readonly DenialStatus[]> = {
  open: ['in_progress', 'appealed', 'resubmitted', 'resolved', 'written_off'],
  in_progress: ['open', 'appealed', 'resubmitted', 'resolved', 'written_off'],
  appealed: ['in_progress', 'appealed', 'resolved', 'written_off'],
  resubmitted: ['in_progress', 'resolved', 'written_off'],
  resolved: [],
  written_off: [],
};

/** The statuses a biller sets directly; `appealed` and `resubmitted` come with their appeal or claim. */
export const SETTABLE_STATUSES = ['open', 'in_progress', 'resolved', 'written_off'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export const isFinal = (s: DenialStatus): boolean => NEXT_STATUS[s].length === 0;

export const canMove = (from: DenialStatus, to: DenialStatus): boolean => NEXT_STATUS[from].includes(to);
