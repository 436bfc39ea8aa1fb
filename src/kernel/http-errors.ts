import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldIssue } from './errors.ts';

/** Fastify's own client errors mapped to our stable codes. */
const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'The request body is larger than allowed.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'MALFORMED_JSON', message: 'The request body is empty; send JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'The Content-Length header is wrong.' },
  FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: 'The URL is malformed.' },
  FST_ERR_RATE_LIMIT: { code: 'RATE_LIMITED', message: 'Too many requests; wait a moment and try again.' },
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Turns any thrown error into a status and our error body; 5xx never shows details. */
export function toErrorBody(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined && err.statusCode < 500) body.error.details = err.details;
    return { status: err.statusCode, body };
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const issues: FieldIssue[] = fe.validation.map((v) => ({
      field: [fe.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])]
        .filter((x) => x && x !== 'body')
        .join('.'),
      message: v.message ?? 'is invalid',
    }));
    return {
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', message: 'Some fields need attention.', details: { issues } },
      },
    };
  }
  if (
    fe instanceof SyntaxError ||
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (fe.statusCode === 400 && /JSON/.test(fe.message))
  ) {
    return {
      status: 400,
      body: { error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON.' } },
    };
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return { status: fe.statusCode ?? 400, body: { error: mapped } };
  if (!isResponseSerializationError(fe) && fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'BAD_REQUEST', message: fe.message } } };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'INTERNAL',
        message: `Something went wrong on our side. Quote request id ${requestId} to support.`,
      },
    },
  };
}

/** The one error handler for /api (and the default for everything but /fhir, which answers OperationOutcome). */
export function sendError(
  err: unknown,
  req: FastifyRequest,
  reply: FastifyReply,
  asFhir: boolean,
): FastifyReply {
  const { status, body } = toErrorBody(err, req.id);
  if (status >= 500) req.log.error({ err }, 'request failed');
  if (!asFhir) return reply.status(status).send(body);
  return reply
    .status(status)
    .type('application/fhir+json')
    .send(operationOutcome(status, body.error.message, body.error.code, body.error.details));
}

/** FHIR R4 OperationOutcome for an error (issue.severity/code are required, 1..*). */
export function operationOutcome(status: number, message: string, code: string, details?: unknown) {
  const fhirCode =
    status === 404
      ? 'not-found'
      : status === 401
        ? 'login'
        : status === 403
          ? 'forbidden'
          : status === 409
            ? 'conflict'
            : status >= 500
              ? 'exception'
              : 'invalid';
  const issues = (details as { issues?: FieldIssue[] } | undefined)?.issues;
  const issue = issues?.length
    ? issues.map((i) => ({
        severity: 'error',
        code: fhirCode,
        diagnostics: i.message,
        expression: [i.field],
      }))
    : [{ severity: 'error', code: fhirCode, diagnostics: message, details: { text: code } }];
  return { resourceType: 'OperationOutcome', issue };
}
