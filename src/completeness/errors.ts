import { AppError } from '../kernel/errors.ts';

/** Chart-completion error codes. Messages never carry patient data (DESIGN invariant 5). */
export const completenessErrors = {
  queryClosed: (status: string) =>
    new AppError(
      'QUERY_CLOSED',
      `This query is already ${status}; ask a new query if something is still unclear.`,
      409,
      { status },
    ),
  notAddressee: () =>
    new AppError('NOT_ADDRESSEE', 'Only the clinician the query is addressed to can answer it.', 403),
  amendmentDecided: (status: string) =>
    new AppError('AMENDMENT_DECIDED', `This amendment request is already ${status}.`, 409, { status }),
  amendmentDeadlinePassed: (dueOn: string) =>
    new AppError(
      'AMENDMENT_DEADLINE_PASSED',
      `The deadline (${dueOn}) has passed and no extension was recorded; HIPAA 164.526(b)(2) allows one 30-day extension, given before the deadline.`,
      409,
      { dueOn },
    ),
  extensionUsed: () =>
    new AppError('EXTENSION_ALREADY_USED', 'Only one 30-day extension is allowed (164.526(b)(2)(ii)).', 409),
  notDecider: () =>
    new AppError(
      'NOT_AMENDMENT_AUTHOR',
      'Only the author the request was routed to, or HIM staff, can decide an amendment request.',
      403,
    ),
  statementNotAllowed: (why: string) => new AppError('STATEMENT_NOT_ALLOWED', why, 409),
};
