import { describe, expect, it } from 'vitest';
import { agingBucket, daysBetween, denialCategory, reasonsOf, reasonText } from './carc.ts';
import { canMove, isFinal } from './workflow.ts';

describe('denial categories', () => {
  it('files common CARCs under the category a biller works them by', () => {
    expect(denialCategory('27')).toBe('eligibility');
    expect(denialCategory('197')).toBe('authorization');
    expect(denialCategory('4')).toBe('coding');
    expect(denialCategory('29')).toBe('timely_filing');
    expect(denialCategory('18')).toBe('duplicate');
    expect(denialCategory('P99')).toBe('other');
    expect(reasonsOf('duplicate')).toEqual(['18']);
  });

  it('describes a reason with its CAS group, and says so when a code is not in the local list', () => {
    expect(reasonText('CO', '29')).toBe('Contractual obligation 29: The time limit for filing has expired');
    expect(reasonText('OA', '999')).toContain('not in the local list');
  });
});

describe('aging buckets', () => {
  it('counts whole days and buckets them 0–30, 31–60, 61–90, 91–120, 120+', () => {
    expect(daysBetween('2026-03-01', '2026-04-15')).toBe(45);
    expect([0, 30, 31, 60, 61, 90, 91, 120, 121].map(agingBucket)).toEqual([
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '91-120',
      '91-120',
      '120+',
    ]);
  });
});

describe('denial work flow', () => {
  it('lets an appeal go to the next level but nothing leave a final status', () => {
    expect(canMove('open', 'in_progress')).toBe(true);
    expect(canMove('appealed', 'appealed')).toBe(true);
    expect(canMove('resubmitted', 'appealed')).toBe(false);
    expect(isFinal('written_off')).toBe(true);
    expect(canMove('resolved', 'open')).toBe(false);
  });
});
