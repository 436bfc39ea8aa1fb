import { describe, expect, it } from 'vitest';
import { type FixTarget, planFix, trimmedPointers } from './fixes.ts';
import type { ScrubFinding } from './rules.ts';

const target: FixTarget = {
  charge: 999,
  diagnosisCount: 2,
  lines: [
    { lineNo: 1, charge: 120.5, diagnosisPointers: [1, 2, 2, 5] },
    { lineNo: 2, charge: 18, diagnosisPointers: [] },
  ],
  priorAuthNumber: null,
};
const finding = (fix: ScrubFinding['fix'], line?: number): ScrubFinding => ({
  code: 'X',
  severity: 'error',
  message: 'm',
  ...(line ? { line } : {}),
  fix,
});

describe('scrubber fixes', () => {
  it('keeps distinct pointers into the claim diagnoses, four at most, the principal when none is left', () => {
    expect(trimmedPointers([1, 2, 2, 5], 2)).toEqual([1, 2]);
    expect(trimmedPointers([3, 1, 4, 2, 5, 6], 13)).toEqual([3, 1, 4, 2]);
    expect(trimmedPointers([13, 14], 14)).toEqual([1]);
    expect(trimmedPointers([], 0)).toEqual([]);
  });

  it('recomputes the total from the lines, before and after kept', () => {
    expect(planFix(target, [finding('recompute_total')], { fix: 'recompute_total' })).toEqual({
      ok: true,
      changes: [{ kind: 'charge', before: 999, after: 138.5 }],
    });
  });

  it('trims the pointers of the line the finding names, and only that line', () => {
    const findings = [finding('trim_pointers', 1), finding('trim_pointers', 2)];
    expect(planFix(target, findings, { fix: 'trim_pointers', line: 2 })).toEqual({
      ok: true,
      changes: [{ kind: 'pointers', line: 2, before: [], after: [1] }],
    });
    expect(planFix(target, [finding('trim_pointers', 1)], { fix: 'trim_pointers', line: 2 })).toEqual({
      ok: false,
      reason: 'not_offered',
    });
    expect(planFix(target, findings, { fix: 'trim_pointers' })).toEqual({
      ok: false,
      reason: 'line_required',
    });
  });

  it('sets a prior-auth number only when one is given and the finding asks for it', () => {
    const findings = [finding('set_prior_auth', 1)];
    expect(planFix(target, findings, { fix: 'set_prior_auth', priorAuthNumber: ' PA-123 ' })).toEqual({
      ok: true,
      changes: [{ kind: 'prior_auth', before: null, after: 'PA-123' }],
    });
    expect(planFix(target, findings, { fix: 'set_prior_auth', priorAuthNumber: '  ' })).toEqual({
      ok: false,
      reason: 'number_required',
    });
    expect(planFix(target, [], { fix: 'set_prior_auth', priorAuthNumber: 'PA-1' })).toEqual({
      ok: false,
      reason: 'not_offered',
    });
  });

  it('refuses a fix no finding offers, and one with nothing left to change', () => {
    expect(planFix(target, [], { fix: 'recompute_total' })).toEqual({ ok: false, reason: 'not_offered' });
    const balanced = { ...target, charge: 138.5 };
    expect(planFix(balanced, [finding('recompute_total')], { fix: 'recompute_total' })).toEqual({
      ok: false,
      reason: 'nothing_to_change',
    });
  });
});
