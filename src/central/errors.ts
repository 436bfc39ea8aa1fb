import { AppError } from '../kernel/errors.ts';

/** Coded errors of the central registry. */
export const centralErrors = {
  tokenMissing: () =>
    new AppError(
      'CENTRAL_TOKEN_MISSING',
      'Send the reporting source token as "Authorization: Bearer <token>".',
      401,
    ),
  sourceUnknown: () =>
    new AppError(
      'CENTRAL_SOURCE_UNKNOWN',
      'The token does not belong to a registered reporting source; nothing was received.',
      401,
    ),
  sourceRevoked: (code: string) =>
    new AppError(
      'CENTRAL_SOURCE_REVOKED',
      `Reporting source ${code} has been revoked; nothing was received. Ask the central registry for a new token.`,
      403,
      { source: code },
    ),
  sourceExists: (code: string) =>
    new AppError('CENTRAL_SOURCE_EXISTS', `A reporting source with code ${code} already exists.`, 409, {
      source: code,
    }),
  sourceNotFound: (code: string) =>
    new AppError('CENTRAL_SOURCE_NOT_FOUND', `No reporting source has code ${code}.`, 404, { source: code }),
  notNaaccr: (message: string, line: number) =>
    new AppError(
      'CENTRAL_SUBMISSION_INVALID',
      `The file is not valid NAACCR XML: ${message} (line ${line}); nothing was accepted from it.`,
      400,
      { line },
    ),
  notCentral: () =>
    new AppError(
      'CENTRAL_MODE_OFF',
      'This installation is not a central registry (start it with CHARTKEEPER_MODE=central).',
      404,
    ),
};
