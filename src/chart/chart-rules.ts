import type { EncounterStatus } from './chart.tables.ts';
import type { EntryData } from './entry-kinds.ts';

/**
 * Allowed encounter status changes (issue 4): scheduled → arrived → in progress → completed, with
 * cancelled and no-show as exits before the patient is seen. Completed, cancelled and no-show are final.
 */
export const ENCOUNTER_TRANSITIONS: Record<EncounterStatus, readonly EncounterStatus[]> = {
  scheduled: ['arrived', 'cancelled', 'no_show'],
  arrived: ['in_progress', 'cancelled'],
  in_progress: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export const canTransition = (from: EncounterStatus, to: EncounterStatus): boolean =>
  ENCOUNTER_TRANSITIONS[from].includes(to);

type Result = EntryData<'result'>;

/**
 * The abnormal flag of a result: the reporting lab's flag when given (CLIA 42 CFR 493.1291(d) puts the
 * interpretation on the lab report), otherwise derived from a numeric value against its reference range.
 */
export function abnormalFlag(r: Result): Result['abnormalFlag'] {
  if (r.abnormalFlag) return r.abnormalFlag;
  if (r.value === undefined) return undefined;
  if (r.referenceLow !== undefined && r.value < r.referenceLow) return 'low';
  if (r.referenceHigh !== undefined && r.value > r.referenceHigh) return 'high';
  if (r.referenceLow !== undefined || r.referenceHigh !== undefined) return 'normal';
  return undefined;
}

export const isAbnormal = (flag: Result['abnormalFlag']): boolean => flag !== undefined && flag !== 'normal';

/** Top-level fields whose values differ between two snapshots (for version history and 409 answers). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

/** Cross-field checks zod's per-field schemas cannot express; each names the field at fault. */
export function crossFieldIssues(
  kind: string,
  data: Record<string, unknown>,
): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  const before = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && b < a;
  if (kind === 'problem' && before(data.onsetDate, data.resolvedDate))
    issues.push({ field: 'data.resolvedDate', message: 'must not be before the onset date' });
  if (kind === 'problem' && data.status === 'resolved' && !data.resolvedDate)
    issues.push({ field: 'data.resolvedDate', message: 'is required when the problem is resolved' });
  if (kind === 'medication' && before(data.startDate, data.stopDate))
    issues.push({ field: 'data.stopDate', message: 'must not be before the start date' });
  if (kind === 'result' && data.value === undefined && !data.valueText)
    issues.push({ field: 'data.value', message: 'give a numeric value or a text result' });
  if (kind === 'result' && data.value !== undefined && !data.units && data.referenceLow !== undefined)
    issues.push({ field: 'data.units', message: 'is required with a numeric value and range' });
  if (
    kind === 'result' &&
    typeof data.referenceLow === 'number' &&
    typeof data.referenceHigh === 'number' &&
    data.referenceHigh < data.referenceLow
  )
    issues.push({ field: 'data.referenceHigh', message: 'must not be below the reference low' });
  return issues;
}
