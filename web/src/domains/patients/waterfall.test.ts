import { describe, expect, it } from 'vitest';
import { waterfallSteps } from './waterfall.ts';

describe('match-weight waterfall', () => {
  it('runs a total through every compared field, ending at the score, and leaves out missing fields', () => {
    const steps = waterfallSteps([
      { field: 'family', outcome: 'agree', weight: 6.2, reason: 'same' },
      { field: 'given', outcome: 'disagree', weight: -4.15, reason: 'different' },
      { field: 'ssn', outcome: 'missing', weight: 0, reason: 'not recorded on both' },
      { field: 'birthDate', outcome: 'agree', weight: 7.3, reason: 'same' },
    ]);
    expect(steps.map((s) => [s.label, s.from, s.to])).toEqual([
      ['Family name', 0, 6.2],
      ['Given name', 6.2, 2.1],
      ['Date of birth', 2.1, 9.4],
    ]);
  });

  it('is empty when nothing was compared (a restricted record hides its fields)', () => {
    expect(waterfallSteps([])).toEqual([]);
  });
});
