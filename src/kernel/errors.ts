/**
 * Coded errors. Every error that reaches a client has a stable code, a message that tells the user what to
 * do, and optional details. Domains declare their own codes (e.g. `disclosure/errors.ts`) with this class.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 400, details);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found.`, 404);
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 409, details);
export const unauthorized = (message = 'Sign in to continue.') =>
  new AppError('UNAUTHENTICATED', message, 401);
export const forbidden = (message = 'You do not have permission to do this.', details?: unknown) =>
  new AppError('FORBIDDEN', message, 403, details);

/** One field at fault in a validation error: the path (e.g. `birthDate`) and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** A validation failure that lists every field at fault at once, so the user fixes them in one go. */
export function validationFailed(issues: FieldIssue[], message = 'Some fields need attention.'): AppError {
  return new AppError('VALIDATION_FAILED', message, 400, { issues });
}
