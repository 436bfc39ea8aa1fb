import { describe, expect, it } from 'vitest';
import { duration } from './JobsPage.tsx';
import { jobListPath } from './jobs.api.ts';

describe('the jobs screen', () => {
  it('asks for one page with the queue and state filters as comma lists', () => {
    expect(jobListPath({ kinds: [], statuses: [], page: 1, pageSize: 20 })).toBe(
      '/admin/jobs?page=1&pageSize=20',
    );
    expect(
      jobListPath({
        kinds: ['privacy.scan', 'coding.codeset-import'],
        statuses: ['failed'],
        page: 3,
        pageSize: 20,
      }),
    ).toBe('/admin/jobs?page=3&pageSize=20&kind=privacy.scan%2Ccoding.codeset-import&status=failed');
  });

  it('says how long a job ran, or has been running', () => {
    const startedAt = '2026-03-02T14:00:00.000Z';
    expect(duration({ startedAt: null, finishedAt: null })).toBe('—');
    expect(duration({ startedAt, finishedAt: '2026-03-02T14:00:42.400Z' })).toBe('42 s');
    expect(duration({ startedAt, finishedAt: '2026-03-02T14:03:05.000Z' })).toBe('3 min 5 s');
    expect(duration({ startedAt, finishedAt: null }, Date.parse('2026-03-02T16:10:00Z'))).toBe('2 h 10 min');
  });
});
