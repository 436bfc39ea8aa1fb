import { AppError } from '../kernel/errors.ts';

/** Access-control error codes. Sign-in failures are deliberately one code with one message. */
export const accessErrors = {
  invalidCredentials: () =>
    new AppError(
      'INVALID_CREDENTIALS',
      'Sign-in failed. Check your username and password. After repeated failures the account is locked for a while.',
      401,
    ),
  sessionExpired: () => new AppError('SESSION_EXPIRED', 'Your session has ended. Sign in again.', 401),
  csrf: () =>
    new AppError(
      'CSRF_FAILED',
      'The request was missing its security token. Reload the page and try again.',
      403,
    ),
  passwordChangeRequired: () =>
    new AppError('PASSWORD_CHANGE_REQUIRED', 'Change your password before continuing.', 403),
  mfaRequired: () =>
    new AppError('MFA_REQUIRED', 'Enter the code from your authenticator app to finish signing in.', 403),
  mfaEnrolmentRequired: () =>
    new AppError(
      'MFA_ENROLMENT_REQUIRED',
      'Set up two-factor authentication before opening patient records.',
      403,
    ),
  mfaAlreadyEnabled: () =>
    new AppError(
      'MFA_ALREADY_ENABLED',
      'Two-factor authentication is already on. Turn it off first to enrol a new device.',
      409,
    ),
  mfaNotStarted: () =>
    new AppError('MFA_NOT_STARTED', 'Start two-factor enrolment first, then enter a code from the app.', 409),
  mfaCodeInvalid: () =>
    new AppError(
      'MFA_CODE_INVALID',
      'That code did not work. Enter the current 6-digit code or an unused recovery code. After repeated failures the account is locked for a while.',
      401,
    ),
  forbidden: (permission: string) =>
    new AppError(
      'FORBIDDEN',
      'You do not have permission to do this. Ask an administrator if you need it.',
      403,
      {
        permission,
      },
    ),
  patientForbidden: (canBreakGlass: boolean) =>
    new AppError(
      'PATIENT_RESTRICTED',
      canBreakGlass
        ? 'This record is restricted. If this is an emergency, use break-the-glass to open it; the access will be reviewed.'
        : 'This record is restricted and you are not authorized to open it.',
      403,
      { breakGlassAvailable: canBreakGlass },
    ),
  usernameTaken: () =>
    new AppError('USERNAME_TAKEN', 'That username is already in use; choose another.', 409),
  unknownRole: (role: string) => new AppError('UNKNOWN_ROLE', `Unknown role "${role}".`, 400),
  tokenInvalid: () => new AppError('TOKEN_INVALID', 'The API token is invalid, expired or revoked.', 401),
};
