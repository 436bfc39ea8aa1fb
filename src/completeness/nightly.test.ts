import { describe, expect, it } from 'vitest';
import { nextRunAt } from './nightly.ts';

describe('nextRunAt', () => {
  it('is later today when the hour is still ahead, else tomorrow (UTC)', () => {
    expect(nextRunAt(new Date('2026-03-02T01:30:00Z'), '02:00').toISOString()).toBe(
      '2026-03-02T02:00:00.000Z',
    );
    expect(nextRunAt(new Date('2026-03-02T14:00:00Z'), '02:00').toISOString()).toBe(
      '2026-03-03T02:00:00.000Z',
    );
    expect(nextRunAt(new Date('2026-03-02T02:00:00Z'), '02:00').toISOString()).toBe(
      '2026-03-03T02:00:00.000Z',
    );
  });
  it('crosses month and year ends', () => {
    expect(nextRunAt(new Date('2026-12-31T23:59:00Z'), '00:05').toISOString()).toBe(
      '2027-01-01T00:05:00.000Z',
    );
  });
});
