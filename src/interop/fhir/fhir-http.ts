import type { Resource } from '@medplum/fhirtypes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { operationOutcome, sendError } from '../../kernel/http-errors.ts';
import type { FhirFieldIssue } from './errors.ts';

export const FHIR_JSON = 'application/fhir+json';

/** The absolute FHIR base URL clients see (fullUrl, links, Location). */
export const fhirBase = (ctx: RequestContext): string => `${ctx.config.publicUrl}/fhir`;

export const today = (ctx: RequestContext): string => ctx.clock.now().toISOString().slice(0, 10);

/**
 * Sends a resource with the version headers R4 http.html asks for: ETag W/"versionId", Last-Modified, and
 * Location (the version-specific URL) on create.
 */
export function sendResource(
  req: FastifyRequest,
  reply: FastifyReply,
  r: Resource,
  status = 200,
): { resourceType: string; [k: string]: unknown } {
  reply.type(FHIR_JSON).status(status);
  if (r.meta?.versionId) reply.header('etag', `W/"${r.meta.versionId}"`);
  if (r.meta?.lastUpdated) reply.header('last-modified', new Date(r.meta.lastUpdated).toUTCString());
  if (status === 201)
    reply.header(
      'location',
      `${fhirBase(req.ctx)}/${r.resourceType}/${r.id}/_history/${r.meta?.versionId ?? '1'}`,
    );
  return r as unknown as { resourceType: string; [k: string]: unknown };
}

/** `W/"3"` or `"3"` or `3` → 3 (the If-Match header of a version-aware update). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  return m ? Number(m[1]) : undefined;
}

const hasCodedIssues = (d: unknown): d is { issues: FhirFieldIssue[] } =>
  Array.isArray((d as { issues?: unknown })?.issues) &&
  (d as { issues: { code?: unknown }[] }).issues.every((i) => typeof i.code === 'string');

/**
 * The /fhir error handler: issues that carry an IssueType code keep it (code-invalid, required, structure…);
 * everything else goes through the kernel handler, which answers an OperationOutcome too.
 */
export function fhirErrorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError && err.statusCode < 500 && hasCodedIssues(err.details)) {
    const base = operationOutcome(err.statusCode, err.message, err.code);
    return reply
      .status(err.statusCode)
      .type(FHIR_JSON)
      .send({
        ...base,
        issue: err.details.issues.map((i) => ({
          severity: 'error',
          code: i.code,
          details: { text: i.message },
          diagnostics: i.message,
          ...(i.field ? { expression: [i.field] } : {}),
        })),
      });
  }
  return sendError(err, req, reply, true);
}
