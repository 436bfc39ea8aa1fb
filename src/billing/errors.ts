import { AppError } from '../kernel/errors.ts';

/** Coded errors of the billing domain. Messages name no patient (DESIGN invariant 5). */
export const BillingErrors = {
  encounterNotFinal: () =>
    new AppError(
      'ENCOUNTER_NOT_FINAL',
      'This encounter has no final coding yet (or is not visible to you); claims are built from final codes.',
      409,
    ),
  claimNotFound: () => new AppError('CLAIM_NOT_FOUND', 'The claim was not found.', 404),
  chooseScope: () =>
    new AppError(
      'BUILD_SCOPE_REQUIRED',
      'Say which claims to build: one encounter, or all ready encounters.',
      400,
    ),
};
