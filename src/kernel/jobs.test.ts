import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { JobCancelled, jobErrorMessage, transientError } from './jobs.ts';

describe('the failure text kept on a job', () => {
  it('keeps a coded error and a plain error as they are', () => {
    expect(jobErrorMessage(new AppError('CODESET_BAD_LINE', 'Line 4 has no code.', 422))).toBe(
      'Line 4 has no code.',
    );
    expect(jobErrorMessage(new Error('disk full'))).toBe('disk full');
    expect(jobErrorMessage('x'.repeat(900))).toHaveLength(500);
  });

  it('keeps only the SQLSTATE and constraint of a database error, never the value it quotes', () => {
    const pgError = Object.assign(new Error('invalid input syntax for type date: "Jane Doe 1961"'), {
      code: '22007',
      severity: 'ERROR',
    });
    expect(jobErrorMessage(pgError)).toBe('Database error 22007.');
    const unique = Object.assign(
      new Error('duplicate key value violates unique constraint "patient_mrn_key"'),
      {
        code: '23505',
        severity: 'ERROR',
        constraint: 'patient_mrn_key',
      },
    );
    expect(jobErrorMessage(unique)).toBe('Database error 23505 (constraint patient_mrn_key).');
  });
});

describe('which failures a job retries', () => {
  it('retries connection loss and plain errors, not bad input, a missing file or a cancellation', () => {
    expect(transientError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(transientError(new Error('socket hang up'))).toBe(true);
    expect(transientError(Object.assign(new Error('x'), { code: '22007' }))).toBe(false);
    expect(transientError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(transientError(new AppError('BAD', 'bad', 400))).toBe(false);
    expect(transientError(new JobCancelled('j'))).toBe(false);
  });
});
