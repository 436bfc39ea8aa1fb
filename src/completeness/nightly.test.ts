import { describe, expect, it } from 'vitest';
import { loadConfig } from '../kernel/config.ts';
import { nightlyCron, nightlyJob } from './nightly.ts';

describe('nightlyCron', () => {
  it('turns COMPLETION_NIGHTLY_AT (HH:MM, UTC) into a daily cron expression', () => {
    expect(nightlyCron('02:00')).toBe('0 2 * * *');
    expect(nightlyCron('23:59')).toBe('59 23 * * *');
    expect(nightlyCron('00:05')).toBe('5 0 * * *');
  });
  it('has no schedule when the setting is off (cron runs `completion analyse` instead)', () => {
    expect(nightlyCron('off')).toBeNull();
    const schedule = nightlyJob.schedule as (c: ReturnType<typeof loadConfig>) => unknown;
    expect(schedule(loadConfig({ COMPLETION_NIGHTLY_AT: 'off' }))).toBeNull();
    expect(schedule(loadConfig({}))).toEqual({ cron: '0 2 * * *', tz: 'UTC' });
  });
});
