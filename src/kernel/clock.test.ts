import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';

describe('ManualClock', () => {
  it('stays put until advanced', () => {
    const c = new ManualClock('2026-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    c.advanceMinutes(16);
    expect(c.now().toISOString()).toBe('2026-01-01T00:16:00.000Z');
  });
});
