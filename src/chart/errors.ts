import { AppError } from '../kernel/errors.ts';

/** Chart error codes. Messages never carry patient data (DESIGN invariant 5). */
export const chartErrors = {
  versionConflict: (current: number, changedFields: string[], changedBy: string, changedAt: string) =>
    new AppError(
      'VERSION_CONFLICT',
      'Someone else changed this entry after you opened it. Review their change, then apply yours again.',
      409,
      { currentVersion: current, changedFields, changedBy, changedAt },
    ),
  invalidTransition: (from: string, to: string) =>
    new AppError('INVALID_STATUS_TRANSITION', `An encounter that is ${from} cannot become ${to}.`, 409, {
      from,
      to,
    }),
  enteredInError: () =>
    new AppError(
      'ENTERED_IN_ERROR',
      'This entry was marked entered-in-error and can no longer be changed; record a new entry instead.',
      409,
    ),
  wrongCollection: (kind: string, collection: string) =>
    new AppError('VALIDATION_FAILED', 'Some fields need attention.', 400, {
      issues: [{ field: 'kind', message: `${kind} does not belong in ${collection}` }],
    }),
  unsupportedFile: (message: string) => new AppError('UNSUPPORTED_FILE', message, 415),
  fileTooLarge: (limit: number) =>
    new AppError(
      'FILE_TOO_LARGE',
      `The file is larger than ${Math.round(limit / 1_048_576)} MB; scan at a lower resolution or split it.`,
      413,
    ),
};
