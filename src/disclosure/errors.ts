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
  packetNotReady: (status: string) =>
    new AppError(
      'PACKET_NOT_READY',
      `A packet is built once the authorization check has passed (the request is ${status}). Run the check first.`,
      409,
    ),
  packetRequired: () =>
    new AppError('PACKET_REQUIRED', 'Build the release packet before releasing the records.', 409),
  qaRequired: () =>
    new AppError('QA_REQUIRED', 'A second person must review and approve this packet before release.', 409),
  qaNotPending: () =>
    new AppError('QA_NOT_PENDING', 'There is no packet waiting for review on this request.', 409),
  qaSamePerson: () =>
    new AppError(
      'QA_SAME_PERSON',
      'The quality review must be done by someone other than the person who built the packet.',
      403,
    ),
  notReleased: () =>
    new AppError('NOT_RELEASED', 'Release the request before sending it to the requester.', 409),
  linkNotFound: () =>
    new AppError('LINK_NOT_FOUND', 'This download link is not valid. Ask the sender for a new one.', 404),
  linkExpired: () =>
    new AppError('LINK_EXPIRED', 'This download link has expired. Ask the sender for a new one.', 410),
  linkUsedUp: () =>
    new AppError(
      'LINK_USED_UP',
      'This download link has been used as many times as allowed. Ask the sender for a new one.',
      410,
    ),
  linkCodeWrong: () =>
    new AppError(
      'LINK_CODE_WRONG',
      'Enter the one-time code the sender gave you separately (check for typing mistakes).',
      403,
    ),
};
