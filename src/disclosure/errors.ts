import { AppError } from '../kernel/errors.ts';

export const disclosureErrors = {
  notFound: () => new AppError('REQUEST_NOT_FOUND', 'No such release-of-information request.', 404),
  authorizationNotFound: () => new AppError('AUTHORIZATION_NOT_FOUND', 'No such authorization.', 404),
  authorizationFailed: (failing: { element: string; message: string }[]) =>
    new AppError(
      'AUTHORIZATION_INVALID',
      `Release is blocked: the authorization fails ${failing.length} check${failing.length === 1 ? '' : 's'} (${failing.map((f) => f.element).join(', ')}). Obtain a corrected authorization, or ask a privacy officer to override.`,
      409,
      { failing },
    ),
  authorizationMissing: () =>
    new AppError(
      'AUTHORIZATION_REQUIRED',
      'This release needs a signed authorization. Capture it before releasing.',
      409,
    ),
  identityNotVerified: () =>
    new AppError(
      'IDENTITY_NOT_VERIFIED',
      "Record how the requester's identity was verified before continuing.",
      409,
    ),
  retiredPatient: () =>
    new AppError(
      'PATIENT_MERGED',
      'That record was merged into another one; open the surviving record and file the request there.',
      409,
    ),
  extensionTwice: () =>
    new AppError('EXTENSION_ALREADY_GRANTED', 'The one extension allowed has already been granted.', 409),
  extensionLate: () =>
    new AppError(
      'EXTENSION_TOO_LATE',
      'An extension must be granted, with written notice, before the first due date passes.',
      409,
    ),
};
