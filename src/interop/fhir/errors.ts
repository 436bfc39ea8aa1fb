import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { AppError, notFound } from '../../kernel/errors.ts';
import type { FhirIssue } from './inbound/index.ts';

/** An issue as the FHIR error handler renders it: FHIRPath, IssueType code and what to do. */
export interface FhirFieldIssue {
  field: string;
  message: string;
  code: string;
}

/**
 * Coded FHIR errors. Every one reaches the client as an OperationOutcome (R4 operationoutcome.html)
 * whose issues carry the FHIRPath `expression` of the element at fault; messages never quote values.
 */
export const fhirErrors = {
  /** 400 for structure problems, as the R4 http.html create/update rules say. */
  invalid: (issues: FhirFieldIssue[]) =>
    new AppError('FHIR_INVALID_RESOURCE', 'The resource is not valid; see each issue.', 400, { issues }),
  /** 422: well-formed but the record cannot take it (business rules). */
  unprocessable: (issues: FhirFieldIssue[]) =>
    new AppError('FHIR_UNPROCESSABLE', 'The resource cannot be stored; see each issue.', 422, { issues }),
  notFound: (type: string, id: string) => notFound(`${type}/${id.slice(0, 64)}`),
  versionNotFound: (type: string, id: string, vid: string) =>
    notFound(`${type}/${id.slice(0, 64)}/_history/${vid.slice(0, 16)}`),
  idMismatch: (type: string) =>
    new AppError('FHIR_ID_MISMATCH', `The ${type}'s id must equal the id in the URL.`, 400, {
      issues: [{ field: `${type}.id`, message: 'must equal the id in the URL', code: 'invalid' }],
    }),
  versionRequired: (type: string) =>
    new AppError(
      'FHIR_VERSION_REQUIRED',
      `Updates are version-aware: send If-Match: W/"<versionId>" or ${type}.meta.versionId.`,
      412,
    ),
  preconditionFailed: (current: number) =>
    new AppError(
      'FHIR_VERSION_CONFLICT',
      `The resource has changed; the current version is ${current}.`,
      412,
      {
        currentVersion: current,
      },
    ),
  notSupported: (what: string) => new AppError('FHIR_NOT_SUPPORTED', `${what} is not supported here.`, 422),
};

/** Issues from the medplum validator → our issue shape (it already gives FHIRPath expressions). */
export const fromValidator = (issues: OperationOutcomeIssue[]): FhirFieldIssue[] =>
  issues.map((i) => ({
    field: i.expression?.[0] ?? '',
    message: i.details?.text ?? i.diagnostics ?? 'is invalid',
    code: i.code ?? 'invalid',
  }));

/** Issues from the inbound mappers (FHIRPath, IssueType code, message). */
export const fromMapper = (issues: FhirIssue[]): FhirFieldIssue[] =>
  issues.map((i) => ({ field: i.expression, message: i.message, code: i.code }));
