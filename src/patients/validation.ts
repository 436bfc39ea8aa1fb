import type { FieldIssue } from '../kernel/errors.ts';

/**
 * Field rules shared by the server and the registration form (the form validates as the clerk types with
 * the same functions). Pure: "today" is passed in, from the request clock on the server.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (so 30 February is rejected). */
export function isCalendarDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** Why a date of birth is unacceptable, or null: format, calendar, future, older than any living person. */
export function birthDateProblem(s: string, today: string): string | null {
  if (!ISO_DATE.test(s)) return 'Enter the date of birth as YYYY-MM-DD.';
  if (!isCalendarDate(s)) return 'This date does not exist; check the day and month.';
  if (s > today) return 'The date of birth is in the future.';
  if (s < '1880-01-01') return 'The date of birth is before 1880; check the year.';
  return null;
}

/**
 * SSN format (SSA rules, POMS RM 10201.035): nine digits, area not 000, 666 or 9xx, group not 00,
 * serial not 0000.
 */
export function ssnProblem(s: string): string | null {
  const m = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(s.trim());
  if (!m) return 'Enter the SSN as nine digits, e.g. 123-45-6789.';
  const [area, group, serial] = [m[1]!, m[2]!, m[3]!];
  if (area === '000' || area === '666' || area.startsWith('9') || group === '00' || serial === '0000')
    return 'This is not a valid SSN (SSA never issues it).';
  return null;
}

/** Phone: a 10-digit North American number, or + and 8–15 digits (ITU-T E.164). */
export function phoneProblem(s: string): string | null {
  const t = s.trim();
  if (!/^\+?[\d\s().-]+$/.test(t)) return 'Enter the phone number with digits only, e.g. (555) 201-3344.';
  const d = t.replace(/\D/g, '');
  if (
    t.startsWith('+')
      ? d.length < 8 || d.length > 15
      : d.length !== 10 && !(d.length === 11 && d.startsWith('1'))
  )
    return 'Enter a 10-digit phone number, or + and the country code for other countries.';
  return null;
}

/** Digits of an SSN. */
export const ssnDigits = (s: string): string => s.replace(/\D/g, '');

/** Masked for display (NIST SP 800-122 §4.2.3 minimizes display): ***-**-1234. */
export const maskSsn = (digitsOnly: string): string => `***-**-${digitsOnly.slice(-4)}`;

/** Collects issues for optional date fields that must be real dates and not in the future. */
export function pastDateIssue(field: string, s: string | null | undefined, today: string): FieldIssue[] {
  if (s == null || s === '') return [];
  if (!isCalendarDate(s)) return [{ field, message: 'Enter a real date as YYYY-MM-DD.' }];
  if (s > today) return [{ field, message: 'This date is in the future.' }];
  return [];
}
