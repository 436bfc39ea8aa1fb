import { AppError } from '../../kernel/errors.ts';
import type { Hl7Issue } from './message.ts';

/** Coded errors of the HL7 v2 interface (CONVENTIONS 5). */
export const hl7v2Errors = {
  alreadyApplied: () =>
    new AppError(
      'HL7_ALREADY_APPLIED',
      'This message was accepted (AA); replaying it would apply it twice. Only rejected messages can be replayed.',
      409,
    ),
  /** A message that cannot be applied: the ACK carries the issues (AE). */
  rejected: (issues: Hl7Issue[]) => new Hl7Rejection(issues),
  notFound: () => new AppError('NOT_FOUND', 'The interface message was not found.', 404),
};

/** Thrown inside the processing transaction so nothing of the message is half-applied. */
export class Hl7Rejection extends Error {
  constructor(readonly issues: Hl7Issue[]) {
    super(issues.map((i) => `${i.location}: ${i.message}`).join('; '));
  }
}

export const issue = (
  location: string,
  message: string,
  code = '207',
  severity: 'E' | 'W' = 'E',
): Hl7Issue => ({
  location,
  message,
  code,
  severity,
});
