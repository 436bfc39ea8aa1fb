import { AppError } from '../../kernel/errors.ts';

/** Coded errors of registry analytics: bad input names the row, column or filter at fault. */
export const AnalyticsError = {
  MISSING_COLUMN: 'ANALYTICS_MISSING_COLUMN',
  BAD_TIME: 'ANALYTICS_BAD_TIME',
  BAD_STATUS: 'ANALYTICS_BAD_STATUS',
  EMPTY_COHORT: 'ANALYTICS_EMPTY_COHORT',
  BAD_OPTION: 'ANALYTICS_BAD_OPTION',
  BAD_TABLE: 'ANALYTICS_BAD_TABLE',
} as const;

export const analyticsError = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 400, details);
