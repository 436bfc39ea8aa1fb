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
  claimNotOpen: (status: string) =>
    new AppError(
      'CLAIM_NOT_EDITABLE',
      `This claim is ${status}: only a claim not yet sent (draft, scrubbed, ready) can be fixed. Send a corrected claim instead.`,
      409,
      { status },
    ),
  versionConflict: (current: number) =>
    new AppError(
      'VERSION_CONFLICT',
      'The claim changed since you opened it (someone scrubbed or fixed it). Reload it and try again.',
      409,
      { currentVersion: current },
    ),
  fixNotOffered: (fix: string, line?: number) =>
    new AppError(
      'FIX_NOT_OFFERED',
      `The scrubber does not offer the fix ${fix}${line !== undefined ? ` for line ${line}` : ''} on this claim now (scrub it again to see its findings).`,
      409,
      { fix, ...(line !== undefined ? { line } : {}) },
    ),
  fixNeedsInput: (what: string) => new AppError('FIX_INPUT_REQUIRED', `This fix needs ${what}.`, 400),
};

/** Coded errors of the denials queue (src/billing/denials). */
export const DenialErrors = {
  notFound: () =>
    new AppError('DENIAL_NOT_FOUND', 'The denial was not found (or is not visible to you).', 404),
  versionConflict: (current: number) =>
    new AppError(
      'DENIAL_VERSION_CONFLICT',
      'Someone else changed this denial since you opened it; reload it and try again.',
      409,
      { version: current },
    ),
  badTransition: (from: string, to: string) =>
    new AppError('DENIAL_STATUS_INVALID', `A denial that is ${from} cannot become ${to}.`, 409, { from, to }),
  assigneeUnknown: () =>
    new AppError('DENIAL_ASSIGNEE_UNKNOWN', 'The user to assign is unknown or inactive.', 400),
  noteRequired: () =>
    new AppError('DENIAL_NOTE_REQUIRED', 'Say why (a note) when resolving or writing off a denial.', 400),
  claimNotResubmittable: (status: string) =>
    new AppError(
      'CLAIM_NOT_RESUBMITTABLE',
      `The claim is ${status}; only a claim the payer answered can be corrected or voided.`,
      409,
      { status },
    ),
};

/** Coded errors of prior authorization tracking (src/billing/priorauth). */
export const PriorAuthErrors = {
  notFound: () =>
    new AppError(
      'PRIOR_AUTH_NOT_FOUND',
      'The prior authorization was not found (or is not visible to you).',
      404,
    ),
  payerUnknown: (payerId: string) =>
    new AppError(
      'PAYER_UNKNOWN',
      `No payer has the id ${payerId}; load it with \`billing payers load\`.`,
      400,
      {
        payerId,
      },
    ),
  patientUnknown: () =>
    new AppError('PATIENT_NOT_FOUND', 'The patient was not found (or is not visible to you).', 404),
  numberRequired: () =>
    new AppError(
      'PRIOR_AUTH_NUMBER_REQUIRED',
      'An approved authorization needs the number the payer gave (it goes on the claim as REF*G1).',
      400,
    ),
  versionConflict: (current: number) =>
    new AppError(
      'PRIOR_AUTH_VERSION_CONFLICT',
      'Someone else changed this authorization since you opened it; reload it and try again.',
      409,
      { version: current },
    ),
  badWindow: () => new AppError('PRIOR_AUTH_WINDOW_INVALID', 'The authorization ends before it starts.', 400),
  unitsExceeded: () =>
    new AppError('PRIOR_AUTH_UNITS_EXCEEDED', 'More units used than the payer approved.', 400),
};

/** Coded errors of eligibility inquiries (X12 270/271). */
export const EligibilityErrors = {
  nobodyToAsk: () =>
    new AppError(
      'ELIGIBILITY_NOTHING_TO_ASK',
      'No patient to ask about: name the patients, or build claims first (without names, the inquiry covers patients whose claims are not yet sent).',
      409,
    ),
  noCoverage: (skipped: number) =>
    new AppError(
      'ELIGIBILITY_NO_COVERAGE',
      `None of the ${skipped} patient(s) has coverage with a known payer active on that date: record the coverage, or load the payer (billing payers load). Nothing was written.`,
      409,
      { skipped },
    ),
  noBillingProvider: () =>
    new AppError(
      'BILLING_PROVIDER_MISSING',
      'The 270 names the billing provider (NPI) as the information receiver: load it first (billing providers load).',
      409,
    ),
};
