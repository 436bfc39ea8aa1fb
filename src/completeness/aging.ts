const DAY = 86_400_000;

/** Hospital policy for chasing overdue deficiencies (configurable per facility). */
export interface AgingPolicy {
  /** Days past due before the clinician gets a reminder. */
  reminderAfterDays: number;
  /** Days past due before the department chief is told. */
  escalateAfterDays: number;
}

export const DEFAULT_AGING: AgingPolicy = { reminderAfterDays: 7, escalateAfterDays: 14 };

export type AgingStage = 'not-due' | 'delinquent' | 'reminded' | 'escalated';

/** Whole days past the due date (0 on the due day, negative before it). */
export function daysPastDue(dueAt: Date, now: Date): number {
  return Math.floor((now.getTime() - dueAt.getTime()) / DAY);
}

/**
 * Where a deficiency stands: a chart is delinquent once any deficiency is past due; reminders and
 * escalation follow after the policy's days.
 */
export function agingStage(dueAt: Date, now: Date, policy: AgingPolicy = DEFAULT_AGING): AgingStage {
  if (now.getTime() <= dueAt.getTime()) return 'not-due';
  const days = daysPastDue(dueAt, now);
  if (days >= policy.escalateAfterDays) return 'escalated';
  if (days >= policy.reminderAfterDays) return 'reminded';
  return 'delinquent';
}

/**
 * Delinquency rate for a period: delinquent charts divided by discharges in the period (the measure
 * hospitals report to the medical staff; The Joint Commission looks at it on survey).
 */
export function delinquencyRate(delinquentCharts: number, discharges: number): number {
  return discharges === 0 ? 0 : delinquentCharts / discharges;
}
