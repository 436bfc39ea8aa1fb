import type { RequesterType } from './requester.ts';

/** Calendar-day clocks: HIPAA's, and the facility's own for requesters HIPAA sets none for. */
export interface Clock {
  days: number;
  /** One extension allowed, with written reasons and notice within the first period. */
  extensionDays: number;
  rule: string;
}

export const HIPAA_CLOCKS = {
  access: { days: 30, extensionDays: 30, rule: '45 CFR 164.524(b)(2)' },
  amendment: { days: 60, extensionDays: 30, rule: '45 CFR 164.526(b)(2)' },
  accounting: { days: 60, extensionDays: 30, rule: '45 CFR 164.528(c)(1)' },
} as const satisfies Record<string, Clock>;

/** Facility defaults for other requesters (configurable; state law may be stricter). */
export const DEFAULT_REQUEST_CLOCKS: Record<Exclude<RequesterType, 'patient'>, Clock> = {
  'treating-provider': { days: 3, extensionDays: 0, rule: 'facility policy (continuity of care)' },
  payer: { days: 15, extensionDays: 15, rule: 'facility policy' },
  attorney: { days: 30, extensionDays: 15, rule: 'facility policy' },
  'court-order': { days: 10, extensionDays: 0, rule: 'as the order directs (default)' },
  subpoena: { days: 14, extensionDays: 0, rule: 'as the subpoena directs (default)' },
  'law-enforcement': { days: 10, extensionDays: 0, rule: 'facility policy' },
  'government-agency': { days: 30, extensionDays: 0, rule: 'facility policy' },
  employer: { days: 30, extensionDays: 0, rule: 'facility policy' },
  researcher: { days: 30, extensionDays: 30, rule: 'facility policy' },
};

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Due date (YYYY-MM-DD) counted in calendar days from the date received; the extension adds its days
 * once, and only when the extension was granted before the first due date passed.
 */
export function dueDate(received: string, clock: Clock, extension?: { grantedOn: string }): string {
  const first = addDays(received, clock.days);
  if (!extension || clock.extensionDays === 0 || extension.grantedOn > first) return first;
  return addDays(first, clock.extensionDays);
}

export function requestClock(
  requester: RequesterType,
  overrides: Partial<Record<RequesterType, Clock>> = {},
): Clock {
  if (overrides[requester]) return overrides[requester];
  return requester === 'patient' ? HIPAA_CLOCKS.access : DEFAULT_REQUEST_CLOCKS[requester];
}
