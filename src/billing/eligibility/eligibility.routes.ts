import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import {
  eligibilityImportBody,
  eligibilityImportResult,
  eligibilityListSchema,
  eligibilityQuery,
  eligibilityRequestBody,
  eligibilityRequestResult,
} from './eligibility.schemas.ts';
import { importEligibility, listEligibility, requestEligibility } from './eligibility.service.ts';

const tags = ['billing'];

/** Eligibility (X12 270 out, 271 in) under /api/billing/eligibility (issue 13). */
export const eligibilityRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.get(
    '/billing/eligibility',
    {
      schema: {
        tags,
        summary: 'Eligibility inquiries and the benefits payers answered (newest first)',
        querystring: eligibilityQuery,
        response: { 200: eligibilityListSchema },
      },
      config: { permission: 'billing:read' },
    },
    (req) => listEligibility(req.ctx, req.query),
  );
  r.post(
    '/billing/eligibility/requests',
    {
      schema: {
        tags,
        summary: 'Write a 270 eligibility inquiry for patients (or every patient with a claim not yet sent)',
        body: eligibilityRequestBody,
        response: { 200: eligibilityRequestResult },
      },
      config: { permission: 'billing:write' },
    },
    (req) => requestEligibility(req.ctx, req.body),
  );
  r.post(
    '/billing/eligibility/responses',
    {
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import a 271 eligibility response: match by trace number and store the benefits',
        body: eligibilityImportBody,
        response: { 200: eligibilityImportResult },
      },
      config: { permission: 'billing:write' },
    },
    (req) => importEligibility(req.ctx, req.body.content),
  );
};
