import { describe, expect, it } from 'vitest';
import { birthDateProblem, isCalendarDate, maskSsn, phoneProblem, ssnProblem } from './validation.ts';

describe('registration field rules', () => {
  it('rejects 30 February and accepts 29 February of a leap year', () => {
    expect(isCalendarDate('2023-02-30')).toBe(false);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
  });
  it('rejects future, ancient and malformed dates of birth', () => {
    expect(birthDateProblem('2026-03-03', '2026-03-02')).toMatch(/future/);
    expect(birthDateProblem('1850-01-01', '2026-03-02')).toMatch(/1880/);
    expect(birthDateProblem('03/02/1990', '2026-03-02')).toMatch(/YYYY-MM-DD/);
    expect(birthDateProblem('1990-03-02', '2026-03-02')).toBeNull();
  });
  it('checks SSNs against the SSA issuing rules', () => {
    expect(ssnProblem('123-45-6789')).toBeNull();
    expect(ssnProblem('123456789')).toBeNull();
    expect(ssnProblem('000-12-3456')).toMatch(/not a valid/);
    expect(ssnProblem('912-12-3456')).toMatch(/not a valid/);
    expect(ssnProblem('12-345-678')).toMatch(/nine digits/);
    expect(maskSsn('123456789')).toBe('***-**-6789');
  });
  it('checks phone numbers', () => {
    expect(phoneProblem('(555) 201-3344')).toBeNull();
    expect(phoneProblem('+44 20 7946 0958')).toBeNull();
    expect(phoneProblem('555-CALL-NOW')).toMatch(/digits only/);
    expect(phoneProblem('201-3344')).toMatch(/10-digit/);
  });
});
