import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../../kernel/context.ts';
import { typed } from '../../kernel/routing.ts';
import { claimDetailSchema, idParams } from '../billing.schemas.ts';
import { applyScrubFix } from './fixes.service.ts';
import { fixBody, SCRUB_LIST_MAX, scrubBody, scrubResultSchema } from './scrubber.schemas.ts';
import { scrubClaims } from './scrubber.service.ts';

const tags = ['billing'];

/** The claim scrubber under /api/billing (issue 13). */
export const scrubberRoutes: FastifyPluginAsync<AppDeps> = async (app) => {
  const r = typed(app);
  r.post(
    '/billing/claims/scrub',
    {
      schema: {
        tags,
        summary: 'Scrub claims not yet sent (draft → scrubbed with findings, or ready)',
        body: scrubBody,
        response: { 200: scrubResultSchema },
      },
      config: { permission: 'billing:write' },
    },
    async (req) => {
      const r = await scrubClaims(req.ctx, { claimIds: req.body.claimIds });
      return { ...r, claims: r.claims.slice(0, SCRUB_LIST_MAX) };
    },
  );
  r.post(
    '/billing/claims/:id/fixes',
    {
      schema: {
        tags,
        summary: 'Apply a one-click scrubber fix to a claim not yet sent, then scrub it again',
        params: idParams,
        body: fixBody,
        response: { 200: claimDetailSchema },
      },
      config: { permission: 'billing:write' },
    },
    (req) => applyScrubFix(req.ctx, req.params.id, req.body),
  );
};
